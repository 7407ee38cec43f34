/**
 * Records the before/after fixtures by running every pinned command with the CLI of a given
 * checkout:
 *   node --import tsx test/make-cli-json-fixtures.ts CHECKOUT                 the demo: test/fixtures/cli-json
 *   node --import tsx test/make-cli-json-fixtures.ts CHECKOUT --real-data DIR  Amazon: test/real-data/fixtures/amazon
 * The fixtures in the repo were recorded with the code before issue 10's refactor (commit
 * cb8312b); rerun this only when a command's output is meant to change, and say so in the commit.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { demoPlaces, runSteps, steps, type Main } from './cli-json-fixtures';
import { AMAZON_FOLDER, amazonPlaces, amazonSteps } from './real-data/amazon-steps';

const here = resolve(import.meta.dirname, '..');
const checkout = resolve(process.argv[2] ?? here);
const flag = process.argv.indexOf('--real-data');
const realData = flag > 0 ? resolve(process.argv[flag + 1]) : undefined;
const { main } = (await import(pathToFileURL(join(checkout, 'src-main/hosts/cli/main.ts')).href)) as { main: Main };
const scratch = mkdtempSync(join(tmpdir(), 'rum-fixtures-'));
try {
  const demo = join(here, 'resources/demo');
  const amazon = realData && join(realData, AMAZON_FOLDER);
  const results = amazon
    ? await runSteps(main, join(scratch, 'wb.db'), amazonSteps(amazon, scratch), amazonPlaces(amazon, scratch))
    : await runSteps(main, join(scratch, 'wb.db'), steps(demo, scratch), demoPlaces(demo, scratch));
  const dir = join(here, amazon ? 'test/real-data/fixtures/amazon' : 'test/fixtures/cli-json');
  mkdirSync(dir, { recursive: true });
  Object.entries(results).forEach(([name, outcome], i) =>
    writeFileSync(join(dir, `${String(i + 1).padStart(2, '0')}-${name}.json`), `${JSON.stringify(outcome, null, 1)}\n`),
  );
  console.error(`wrote ${Object.keys(results).length} fixtures to ${dir} from ${checkout}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
