import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds the bundled CLI when stale, so the many spawned CLI runs start fast.
    globalSetup: ['test/global-setup.ts'],
    // better-sqlite3 is a native addon: forks isolate it more safely than threads.
    pool: 'forks',
    // Two cores here: more workers only thrash.
    maxWorkers: 2,
    // Generous: CI shares 2 cores between two test workers, and training tests run 20-40 s there.
    testTimeout: 180_000,
    // The demo suites import and train in beforeAll: 5-10 s alone, more while other files run.
    hookTimeout: 120_000,
  },
});
