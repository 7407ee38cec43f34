// The CLI tests spawn bin/rum-workbench.mjs many times; from a fresh bundle each start is a
// fraction of a tsx start. Built here when the sources are newer than the bundle (or there is
// none), so the spawned CLI is always the code under test.
import { freshBundle } from '../bin/cli-freshness.mjs';
import { buildCli } from '../scripts/build-cli.mjs';
import { resolve } from 'node:path';

// Not helpers.ts's REPO: that module registers vitest hooks, which a global setup cannot.
const REPO_ROOT = resolve(import.meta.dirname, '..');

export default async function setup(): Promise<void> {
  if (!freshBundle(REPO_ROOT)) await buildCli();
}
