#!/usr/bin/env node
// `npm run test:real-data -- DIR`: the checks that need real data sets, in the folder DIR that
// the caller names (CI names its own copy). Without DIR, or where DIR does not exist, it says so
// and succeeds, so a clone without the data runs `npm test` and this alike.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
if (!process.argv[2]) {
  console.log('real-data tests: NOT RUN — no DIR given (npm run test:real-data -- DIR)');
  process.exit(0);
}
const dir = resolve(process.argv[2]);
if (!existsSync(dir)) {
  console.log(`real-data tests: NOT RUN — ${dir} not found`);
  process.exit(0);
}
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', '--config', join(root, 'test/real-data/vitest.config.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RUM_REAL_DATA: dir },
});
process.exit(r.status ?? 1);
