// The layer arrows at the top of eslint.config.js, checked two ways: the lint rule itself
// (a forbidden import fails, an allowed one passes, through ESLint's own Node API and the
// repo's config), and the real import graph of src-main (no cycle between its folders).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rule (eslint.config.js)', () => {
  it.each([
    ['src-main/core/model/x.ts', "import { openDb } from '../../store/db';"],
    ['src-main/core/x.ts', "import { rankerFor } from '../engine/ranker';"],
    ['src-main/store/x.ts', "import { rankerFor } from '../engine/ranker';"],
    ['src-main/engine/x.ts', "import { JobManager } from '../jobs/job-manager';"],
    ['src-main/jobs/train/x.ts', "import type { Method } from '../../api/contract';"],
    ['src-main/jobs/x.ts', "import { writeReport } from '../report/write-report';"],
    ['src-main/report/x.ts', "import { openDb } from '../store/db';"],
    ['src-main/api/x.ts', "import { startWebHost } from '../hosts/web/server';"],
    ['src-main/hosts/electron/x.ts', "import { startWebHost } from '../web/server';"],
    ['src-main/hosts/electron/x.ts', "import { electronBinary } from '../start';"],
    ['src-main/hosts/electron/x.ts', "import { rankerFor } from '../../engine/ranker';"],
    ['src-main/hosts/web/x.ts', "import { app } from 'electron';"],
    // The CLI calls the services like the other hosts: never the engine or the reports behind them.
    ['src-main/hosts/cli/commands/x.ts', "import { loadModel } from '../../../engine/loaded-model';"],
    ['src-main/hosts/cli/commands/x.ts', "import { writeReport } from '../../../report/write-report';"],
    ['src-main/hosts/cli/x.ts', "import { currentBackend } from '../../engine/backend';"],
    ['src-main/hosts/cli/commands/x.ts', "import { startWebHost } from '../../web/server';"],
    ['src-main/hosts/cli/x.ts', "import { app } from 'electron';"],
    ['src-renderer/views/x.ts', "import type { Db } from '../../src-main/store/db';"],
    ['src-renderer/api/x.ts', "import type { Dispatch } from '../../src-main/api/services';"],
  ])('refuses in %s: %s', async (file, code) => {
    const errors = await restrictedImports(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/may import only|talks only to the api/);
  });

  it.each([
    ['src-main/store/x.ts', "import { InputError } from '../core/errors';"],
    ['src-main/engine/x.ts', "import { openDb } from '../store/db';"],
    ['src-main/jobs/train/x.ts', "import { rankerFor } from '../../engine/ranker';"],
    ['src-main/report/x.ts', "import type { LoadedModel } from '../engine/loaded-model';"],
    ['src-main/api/x.ts', "import { JobManager } from '../jobs/job-manager';"],
    ['src-main/hosts/x.ts', "import { createServices } from '../api/services';"],
    ['src-main/hosts/electron/x.ts', "import { ensureDemo } from '../../jobs/demo';"],
    ['src-main/hosts/electron/x.ts', "import { contentTypeOf } from '../app-page';"],
    ['src-main/hosts/web/x.ts', "import { openDb } from '../../store/db';"],
    ['src-main/hosts/cli/commands/x.ts', "import type { ModelInfo } from '../../../api/results';"],
    ['src-main/hosts/cli/x.ts', "import { createServices } from '../../api/services';"],
    ['src-main/hosts/cli/x.ts', "import { JobManager } from '../../jobs/job-manager';"],
    ['src-main/hosts/cli/x.ts', "import { openDb } from '../../store/db';"],
    ['src-main/hosts/cli/x.ts', "import { defaultDbPath } from '../data-dir';"],
    ['src-main/hosts/cli/commands/x.ts', "import { serveUntilStopped } from '../../web/serve';"],
    ['src-renderer/api/x.ts', "import type { Result } from '../../src-main/api/results';"],
    ['src-renderer/lib/x.ts', "import { trainSettings } from '../../src-main/api/contract';"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});

/** Every relative import of every non-test source under src-main, as folder -> folder edges. */
function folderEdges(): Map<string, Set<string>> {
  const src = join(ROOT, 'src-main');
  const edges = new Map<string, Set<string>>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|mjs)$/.test(e.name) && !e.name.includes('.test.')) {
        const from = relative(src, path).split(/[\\/]/)[0];
        for (const [, spec] of readFileSync(path, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
          const to = relative(src, resolve(dirname(path), spec)).split(/[\\/]/)[0];
          if (to !== from && !to.startsWith('..')) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
        }
      }
    }
  };
  walk(src);
  return edges;
}

/** A cycle in the graph as a list of folders, or null. */
function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of edges.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

describe('the import graph of src-main', () => {
  it('has no cycle between folders', () => {
    const edges = folderEdges();
    // The walker must see the real graph for its answer to mean anything.
    expect([...(edges.get('api') ?? [])]).toEqual(expect.arrayContaining(['core', 'store', 'engine', 'jobs', 'report']));
    expect(findCycle(edges)).toBeNull();
  });

  it('finds a cycle where there is one', () => {
    const edges = new Map([
      ['jobs', new Set(['engine'])],
      ['engine', new Set(['store', 'jobs'])],
    ]);
    expect(findCycle(edges)).toEqual(['jobs', 'engine', 'jobs']);
  });
});
