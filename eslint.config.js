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
        patterns: [{ group: ['node:*', '**/store/**', '**/hosts/**', '**/jobs/**'], message: 'core/ is pure logic: no Node, Electron, DOM or store imports.' }],
      }],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', 'window', 'document'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['node:*', 'electron', 'better-sqlite3', '**/src-main/store/**', '**/src-main/hosts/**'], message: 'The renderer talks only to the api/ contract.' }],
      }],
    },
  },
);
