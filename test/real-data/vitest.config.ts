import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The suite over real data sets that users of the repository do not have (the folder given to run.mjs).
 * Its files end in .real-data.ts, not .test.ts, so `npm test` never collects them; run.mjs
 * runs them with the data folder in RUM_REAL_DATA.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  test: {
    include: ['test/real-data/**/*.real-data.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
