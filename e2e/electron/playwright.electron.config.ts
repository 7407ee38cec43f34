// Playwright for the desktop app: `npx playwright test -c e2e/electron/playwright.electron.config.ts`
// after `npm run build` and the renderer build (dist/renderer). The specs are included only where
// an Electron binary exists. Elsewhere globalSetup prints "Electron e2e: NOT RUN — <reason>" and
// Playwright ends with "No tests found" (exit 1): an empty run never passes unless asked to with
// --pass-with-no-tests, which a machine known to lack Electron (this one) may add.
import { defineConfig } from '@playwright/test';
import { electronMissingReason } from './electron-available';

const why = electronMissingReason();

export default defineConfig({
  testDir: '.',
  testMatch: why ? [] : ['**/*.electron.spec.ts'],
  globalSetup: './global-setup.ts',
  // One app at a time: each spec file launches its own Electron with its own store.
  workers: 1,
  timeout: 120_000,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
  // Traces only when something failed (docs/architecture.md, "Tests are real").
  use: { trace: 'retain-on-failure' },
});
