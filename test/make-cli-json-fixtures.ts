/**
 * Records test/fixtures/cli-json/ by running every pinned command with the CLI of a given
 * checkout: `node --import tsx test/make-cli-json-fixtures.ts /path/to/checkout`. The fixtures
 * in the repo were recorded with the code before issue 10's refactor (commit cb8312b); rerun
 * this only when a command's output is meant to change, and say so in the commit.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runSteps, type Main } from './cli-json-fixtures';

const checkout = resolve(process.argv[2] ?? resolve(import.meta.dirname, '..'));
const here = resolve(import.meta.dirname, '..');
const { main } = (await import(pathToFileURL(join(checkout, 'src-main/hosts/cli/main.ts')).href)) as { main: Main };
const scratch = mkdtempSync(join(tmpdir(), 'rum-fixtures-'));
try {
  const results = await runSteps(main, join(scratch, 'wb.db'), join(here, 'resources/demo'), scratch);
  const dir = join(here, 'test/fixtures/cli-json');
  mkdirSync(dir, { recursive: true });
  Object.entries(results).forEach(([name, outcome], i) =>
    writeFileSync(join(dir, `${String(i + 1).padStart(2, '0')}-${name}.json`), `${JSON.stringify(outcome, null, 1)}\n`),
  );
  console.error(`wrote ${Object.keys(results).length} fixtures to ${dir} from ${checkout}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
