#!/usr/bin/env node
// Runs the bundled CLI (dist/cli/, built by `npm install` or `npm run build`) when it was built
// from the sources as they are now; otherwise the TypeScript sources through tsx, so a developer
// editing them never runs a stale bundle. Worker threads follow: the bundle starts the bundled
// workers, the sources start the .mjs boot files that register tsx (see jobs/worker-entry.ts).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle } from './cli-freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = process.env.RUM_CLI_FROM_SOURCES ? null : freshBundle(root);
let main;
if (bundle) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src-main/hosts/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
