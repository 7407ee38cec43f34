import { MODEL_KINDS } from '../../core/train/config';
import { defaultDbPath } from '../data-dir';
import { exitCodeFor, processIo, UsageError, type Io } from './output';
import { openCliServices, type CliHost } from './services';

type Command = (argv: string[], host: CliHost, io: Io) => Promise<void>;

// Each command is imported when it runs, so `datasets` never loads what `train` needs (tfjs
// above all): the bundled CLI (scripts/build-cli.mjs) keeps each in its own chunk.
const COMMANDS: Record<string, () => Promise<Command>> = {
  import: async () => (await import('./commands/import')).importCommand,
  datasets: async () => (await import('./commands/datasets')).datasetsCommand,
  'rename-dataset': async () => (await import('./commands/manage')).renameDatasetCommand,
  'delete-dataset': async () => (await import('./commands/manage')).deleteDatasetCommand,
  train: async () => (await import('./commands/train')).trainCommand,
  models: async () => (await import('./commands/models')).modelsCommand,
  'delete-model': async () => (await import('./commands/manage')).deleteModelCommand,
  evaluate: async () => (await import('./commands/evaluate')).evaluateCommand,
  'export-model': async () => (await import('./commands/export-model')).exportModelCommand,
  'import-model': async () => (await import('./commands/import-model')).importModelCommand,
  explain: async () => (await import('./commands/explain')).explainCommand,
  timeline: async () => (await import('./commands/explain')).timelineCommand,
  influences: async () => (await import('./commands/influences')).influencesCommand,
  slices: async () => (await import('./commands/slices')).slicesCommand,
  whatif: async () => (await import('./commands/whatif')).whatifCommand,
  items: async () => (await import('./commands/items')).itemsCommand,
  report: async () => (await import('./commands/report')).reportCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
};

const USAGE = `usage: rum-workbench <command> [options] [--db PATH] [--json]
commands:
  import FILE      read a purchase log into the store
  datasets         list the datasets in the store
  rename-dataset   give a dataset another name (--dataset ID --name NAME)
  delete-dataset   delete a dataset and every model trained on it (--dataset ID)
  train            train a model on a dataset (--dataset ID [--model ${MODEL_KINDS.join('|')}] ... [--force])
  models           list the models, with settings and test metrics ([--dataset ID])
  delete-model     delete a model (--model ID)
  evaluate         the paper's protocol on a model's test part (--model ID [--n 5])
  export-model     weights and config as JSON (--model ID --out FILE.json)
  import-model     a model trained elsewhere, in export-model's format, checked and evaluated here (--dataset ID --file F)
  explain          why the model recommends what it does at one step (--model ID --user U [--step T] [--item I])
  timeline         attention at every step of a user's timeline, with patterns (--model ID --user U)
  influences       which earlier item drives which later purchase, over all users (--model ID [--top 50] [--by shapley|attention])
  items            find a model's items by id or title (--model ID --query TEXT [--limit 20])
  whatif           the explanation at a step with the history before it edited (--model ID --user U --step T [--remove STEP]... [--insert ITEM@POS]... [--move FROM@TO]... [--minimal ITEM])
  slices           the model's users in slices, compared (--model ID --by length|hit|first-date|item [--bins 3] [--item ITEM])
  report           an explanation report for one user (--model ID --user U --format html|pdf|csv|json --out FILE [--steps all|hits|misses|A-B]),
                   or for the whole model with --global instead of --user (metrics, influences, slices; html|pdf|json)
  serve            the app in a browser on 127.0.0.1 (--port 0); prints http://127.0.0.1:PORT/?token=T
Every command takes --db PATH (default: $RUM_WORKBENCH_DB, else the app's data folder)
and --json (one JSON object on stdout). Exit codes: 0 ok, 2 bad input, 1 other failure.`;

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], io: Io = processIo(argv.includes('--json'))): Promise<number> {
  const [name, ...rest] = argv;
  let opened: ReturnType<typeof openCliServices> | undefined;
  let dbPath: string | undefined; // named in the message when the store itself fails (a full disk)
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.err(`${USAGE}\n`);
      return name ? 0 : 2;
    }
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) throw new UsageError(`unknown command "${name}"\n${USAGE}`);
    // The store is opened only when a command needs it, with --db taken from the raw args.
    const path = (dbPath = dbArg(rest) ?? defaultDbPath());
    const command = await load();
    await command(rest, { dbPath: path, services: () => (opened ??= openCliServices(path)).services }, io);
    return 0;
  } catch (e) {
    return exitCodeFor(e, io, dbPath);
  } finally {
    opened?.close();
  }
}

function dbArg(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--db' || a.startsWith('--db='));
  if (i < 0) return undefined;
  return argv[i].startsWith('--db=') ? argv[i].slice(5) : argv[i + 1];
}
