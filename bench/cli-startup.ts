// `npm run bench -- cli`: how long a command takes from `node bin/rum-workbench.mjs` to exit, from
// the bundle (dist/cli) and from the sources (tsx, the fallback), next to a bare Node process
// that opens the same SQLite file with better-sqlite3 and reads the datasets table. Set
// RUM_BENCH_CLI_BASE to another checkout (e.g. a worktree of an older commit) to time its bin too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freshBundle, newestSourceMtime } from '../bin/cli-freshness.mjs';
import { buildCli } from '../scripts/build-cli.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 10;
const BIN = join(ROOT, 'bin', 'rum-workbench.mjs');

// Every process measured, the bare one included, reports its own peak RSS on exit (KiB).
const RSS_HOOK =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>writeSync(2,`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`))';

interface Timing {
  ms: number;
  rssMiB: number;
}

function once(args: string[], env: Record<string, string> = {}): Timing {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const rss = /maxRSS=(\d+)/.exec(r.stderr);
  return { ms, rssMiB: rss ? Number(rss[1]) / 1024 : NaN };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Variant {
  what: string;
  from: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * Round-robin: run i of every variant before run i + 1 of any, so a change in the machine's
 * load (other processes) shifts every row alike and the ratios hold. bin runs the bundle only
 * while no source is newer: an edit during the bench would silently time the sources instead,
 * so the bundle is checked (and rebuilt) before each run from it.
 */
async function measureAll(variants: Variant[], runs: number): Promise<Timing[]> {
  const all: Timing[][] = variants.map(() => []);
  for (let i = 0; i <= runs; i++) {
    for (const [v, { args, env = {} }] of variants.entries()) {
      if (!env.RUM_CLI_FROM_SOURCES && args[0] === BIN && !freshBundle(ROOT)) await buildCli();
      const t = once(args, env);
      // Round 0 warms the page cache (and tsx's compile cache), as a user's second run is.
      if (i > 0) all[v].push(t);
    }
  }
  return all.map((ts) => ({ ms: median(ts.map((t) => t.ms)), rssMiB: Math.max(...ts.map((t) => t.rssMiB)) }));
}

export async function benchCliStartup(tmp: string): Promise<string> {
  const dir = join(tmp, 'cli-startup');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'store.db');
  const demo = join(ROOT, 'resources', 'demo');
  const withStore = (bin: string, store: string) => {
    const cli = (...args: string[]) => [bin, ...args, '--db', store, '--json'];
    once(cli('import', join(demo, 'purchases.csv'), '--items', join(demo, 'items.csv')));
    once(cli('train', '--dataset', '1', '--dim', '8', '--slots', '5', '--epochs', '2', '--seed', '1'));
    return cli;
  };
  const cli = withStore(BIN, db);

  const fromSources = { RUM_CLI_FROM_SOURCES: '1' };
  const explain = ['explain', '--model', '1', '--user', 'u0001'];
  const variants: Variant[] = [
    {
      what: 'bare Node + better-sqlite3, `SELECT * FROM datasets`',
      from: '-',
      args: [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(db)}); ` +
          `process.stdout.write(JSON.stringify({ datasets: db.prepare('SELECT * FROM datasets').all() }) + '\\n'); db.close();`,
      ],
    },
    { what: '`datasets --json`', from: 'bundle', args: cli('datasets') },
    { what: '`datasets --json`', from: 'sources (tsx)', args: cli('datasets'), env: fromSources },
    { what: '`models --json`', from: 'bundle', args: cli('models') },
    { what: '`explain --model 1 --user u0001 --json`', from: 'bundle', args: cli(...explain) },
    { what: '`explain --model 1 --user u0001 --json`', from: 'sources (tsx)', args: cli(...explain), env: fromSources },
    { what: '`evaluate --model 1 --json` (loads tfjs)', from: 'bundle', args: cli('evaluate', '--model', '1') },
  ];
  const base = process.env.RUM_BENCH_CLI_BASE;
  if (base && existsSync(join(base, 'bin', 'rum-workbench.mjs'))) {
    // Its own store: an older checkout may not open a store migrated by this one.
    const baseCli = withStore(join(base, 'bin', 'rum-workbench.mjs'), join(dir, 'base.db'));
    variants.push({ what: '`datasets --json`', from: 'before', args: baseCli('datasets') });
    variants.push({ what: '`explain --model 1 --user u0001 --json`', from: 'before', args: baseCli(...explain) });
  }
  const timings = await measureAll(variants, RUNS);
  const [bare, datasets] = timings;

  const checks = Array.from({ length: 50 }, () => {
    const t0 = performance.now();
    newestSourceMtime(ROOT);
    return performance.now() - t0;
  });
  const lines = variants.map(
    ({ what, from }, i) =>
      `| ${what} | ${from} | ${timings[i].ms.toFixed(0)} | ${(timings[i].ms / bare.ms).toFixed(2)}x | ${timings[i].rssMiB.toFixed(0)} |`,
  );
  return `## Command-line start-up (issue 10)

From \`node bin/rum-workbench.mjs\` to exit, on a store holding the demo dataset and one small
RUM model. Median of ${RUNS} runs after one warm-up, the commands taking turns; peak RSS is the
largest of the runs (\`process.resourceUsage().maxRSS\`). "bundle" is dist/cli (esbuild, built
by \`npm install\` and \`npm run build\`); "sources" is the fallback bin/rum-workbench.mjs takes
when a file under src-main/ is newer than the bundle; "before" is the checkout named by
RUM_BENCH_CLI_BASE (here the commit before issue 10, when every command loaded every source
through tsx). Only commands that rank or train load tfjs.

| command | from | median ms | vs bare | peak RSS MiB |
|---|---|---:|---:|---:|
${lines.join('\n')}

\`datasets\` from the bundle: **${(datasets.ms / bare.ms).toFixed(2)}x** the bare process (aim: within 4x).
The freshness check (a stat of every file under src-main/) costs ${median(checks).toFixed(1)} ms (median of 50).
`;
}
