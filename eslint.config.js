// The layers of src-main, and the only arrows allowed between them (docs/architecture.md):
//
//   core    <- pure domain logic: model maths, training, evaluation, explanation; imports nothing outside core
//   store   -> core                      SQLite: datasets, models, migrations
//   engine  -> core, store               compute adapters: tfjs backend, ranking, a loaded model, explanation responses
//   jobs    -> core, store, engine       long work: import, training workers, the job manager, the demo
//   report  -> core, engine              HTML, PDF, CSV, JSON reports of one user
//   api     -> core, store, engine, jobs, report   the contract (contract.ts, results.ts) and the services
//   hosts   -> anything above            files shared by every host (data-dir.ts, app-page.ts, start.ts)
//   hosts/electron, hosts/web -> api, jobs, store, core   they open the store and call the services;
//                                        neither imports the other (the desktop bundle holds no web host)
//   hosts/cli -> api, jobs, store, core, hosts/ shared files, web/serve (for `serve`)
//                                        it opens the store and calls the same services; never engine or report
//   src-renderer -> src-main/api/contract and api/results, and only those
//
// Each arrow points down, so there is no cycle between folders; test/lint-layers.test.ts
// checks both the rule and the real import graph. Tests (*.test.ts) may cross layers.

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// core/ is pure domain logic: it must run unchanged in a worker, a test or a browser,
// so it may not import Node built-ins, Electron, the DOM/React, or the store.
const nodeBuiltins = [
  'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'stream', 'http', 'https',
  'net', 'url', 'zlib', 'readline', 'events', 'util', 'buffer', 'process', 'fs/promises',
];
const coreForbidden = [
  ...nodeBuiltins,
  ...nodeBuiltins.map((m) => `node:${m}`),
  'node:*', 'electron', 'react', 'react-dom', 'better-sqlite3', 'recharts', 'playwright-core',
];

const LAYERS = {
  core: [],
  store: ['core'],
  engine: ['core', 'store'],
  jobs: ['core', 'store', 'engine'],
  report: ['core', 'engine'],
  api: ['core', 'store', 'engine', 'jobs', 'report'],
  hosts: ['core', 'store', 'engine', 'jobs', 'report', 'api'],
};

/** The import patterns a layer may not use: every other layer not among its arrows, and the UI. */
function forbiddenFor(layer) {
  const banned = Object.keys(LAYERS).filter((l) => l !== layer && !LAYERS[layer].includes(l));
  return {
    group: [...banned.flatMap((l) => [`**/${l}/**`, `**/${l}`]), '**/src-renderer/**'],
    message: `src-main/${layer}/ may import only ${LAYERS[layer].join(', ') || 'core itself'} (the arrows at the top of eslint.config.js).`,
  };
}

const layerRules = Object.keys(LAYERS)
  .filter((l) => l !== 'core')
  .map((layer) => ({
    files: [`src-main/${layer}/**/*.ts`],
    ignores: [`src-main/${layer}/**/*.test.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [forbiddenFor(layer)] }] },
  }));

/**
 * The hosts: thin, and apart from each other. Each calls the services (api/) and may not reach
 * past them into engine/ or report/; `banned` names the other hosts it may not import.
 */
const thinHost = (name, banned, may = 'api, jobs, store, core and hosts/ files shared by every host') => ({
  files: [`src-main/hosts/${name}/**/*.ts`],
  ignores: [`src-main/hosts/${name}/**/*.test.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [{
        group: ['**/engine/**', '**/engine', '**/report/**', '**/report', '**/src-renderer/**', ...banned],
        message: `src-main/hosts/${name}/ may import only ${may} (the arrows at the top of eslint.config.js).`,
      }],
    }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'resources/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    // Tests may read fixtures from disk; the code they test may not.
    ignores: ['src-main/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: coreForbidden.filter((m) => !m.includes('*')).map((name) => ({
          name, message: 'core/ is pure logic: no Node, Electron, DOM or store imports (docs/architecture.md).',
        })),
        patterns: [{ group: ['node:*'], message: 'core/ is pure logic: no Node, Electron, DOM or store imports.' }, forbiddenFor('core')],
      }],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', 'window', 'document'],
    },
  },
  ...layerRules,
  thinHost('electron', ['**/web/**', '**/start', '**/cli/**']),
  thinHost('web', ['**/electron/**', '**/start', '**/cli/**', 'electron']),
  // `serve` starts the web host, so the CLI may import web/serve and nothing else of it.
  thinHost('cli', ['**/electron/**', 'electron', '**/web/**', '!**/web/serve'], 'api, jobs, store, core, hosts/ files shared by every host and web/serve'),
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['node:*', 'electron', 'better-sqlite3', '**/src-main/*', '!**/src-main/api', '**/src-main/api/*', '!**/src-main/api/contract', '!**/src-main/api/results'],
          message: 'The renderer talks only to the api/ contract: import from src-main/api/contract or src-main/api/results.',
        }],
      }],
    },
  },
);
