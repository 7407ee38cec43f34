// scale/train_rum.py under torchrun (DistributedDataParallel, gloo on CPU) on the demo log in a
// real store: its JSON line, its model file (the export-model format, rows in the workbench's
// split order), world sizes 1 and 2 and the dense-gradient (NCCL) path agreeing, and the
// workbench's import-model + evaluate giving back the script's own test metrics.
// Skipped, with the reason in its name, where /usr/bin/python3 has no torch (CI installs python3-torch).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli';
import { DEMO } from './demo-model';
import { REPO, tmpDir } from './helpers';

const PYTHON = '/usr/bin/python3';
const TORCHRUN = '/usr/bin/torchrun';
const SCRIPT = join(REPO, 'scale', 'train_rum.py');
const METRICS = ['precision', 'recall', 'f1', 'hr', 'ndcg'] as const;

interface Probe {
  ok: boolean;
  reason: string;
  /** Debian's torch 1.13 under Python 3.11 cannot parse torchrun's default --redirects/--tee (scale/README.md). */
  torchrunFix: string[];
}

function probeTorch(): Probe {
  const no = (reason: string): Probe => ({ ok: false, reason, torchrunFix: [] });
  if (!existsSync(PYTHON)) return no(`${PYTHON} not found`);
  if (!existsSync(TORCHRUN)) return no(`${TORCHRUN} not found`);
  const code = [
    'import json, torch, torch.distributed as d',
    'from torch.distributed.elastic.multiprocessing.api import Std',
    "print(json.dumps({'torch': torch.__version__, 'gloo': d.is_available() and d.is_gloo_available(), 'stdBug': Std.from_str('0') is None}))",
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return no(`torch not installed for ${PYTHON} (${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`);
  const info = JSON.parse(r.stdout) as { torch: string; gloo: boolean; stdBug: boolean };
  if (!info.gloo) return no(`torch ${info.torch} has no gloo backend`);
  return { ok: true, reason: '', torchrunFix: info.stdBug ? ['--redirects', '9:1', '--tee', '9:1'] : [] };
}

const torch = probeTorch();

/** A port free now, for torchrun's rendezvous (its default 29500 may be another run's). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Line {
  out: string;
  model: string;
  metrics: Record<(typeof METRICS)[number], number>;
  n: number;
  users: number;
  epochs: number;
  bestEpoch: number;
  seconds: number;
  worldSize: number;
  gradients: string;
}

interface ModelFile {
  model: string;
  users: string[];
  items: string[];
  titles: (string | null)[];
  config: Record<string, unknown>;
  formula: string;
  itemEmbeddings: number[][];
  userEmbeddings: number[][];
  trainedBy: { worldSize: number; gradients: string };
  metrics: { test: { metrics: Record<string, number>; users: number; n: number } };
}

function runScript(command: string, args: string[]): Line {
  const r = spawnSync(command, args, {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  expect(r.status, `${command} ${args.join(' ')}\n${r.stderr}`).toBe(0);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Line;
}

function maxAbsDiff(a: number[][], b: number[][]): number {
  let worst = 0;
  a.forEach((row, r) => row.forEach((x, d) => (worst = Math.max(worst, Math.abs(x - b[r][d])))));
  return worst;
}

describe('scale/train_rum.py: DistributedDataParallel training that the workbench imports', () => {
  it.skipIf(!torch.ok)(`torchrun 2 processes on gloo, the model file, and import-model + evaluate${torch.ok ? '' : ` (skipped: ${torch.reason})`}`, async () => {
    const dir = tmpDir();
    const db = join(dir, 'wb.db');
    const run = (...args: string[]) => {
      const r = cli([...args, '--db', db, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return r.json();
    };
    const datasetId = run('import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
    const settings = ['--store', db, '--dataset', String(datasetId), '--epochs', '4', '--quiet'];
    const torchrun = async (out: string, ...extra: string[]) =>
      runScript(TORCHRUN, [...torch.torchrunFix, '--nproc_per_node', '2', '--master_port', String(await freePort()), SCRIPT, ...settings, '--out', out, ...extra]);

    // Two processes, sparse gradients through gloo.
    const out2 = join(dir, 'model-2.json');
    const line = await torchrun(out2);
    expect(line).toMatchObject({ out: out2, model: 'rum-item', n: 5, epochs: 4, worldSize: 2, gradients: 'sparse' });
    expect(Object.keys(line.metrics).sort()).toEqual([...METRICS].sort());
    for (const k of METRICS) expect(line.metrics[k]).toBeGreaterThanOrEqual(0);
    expect(line.users).toBe(400); // every demo user has a test part
    expect(line.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(line.seconds).toBeGreaterThan(0);

    const file = JSON.parse(readFileSync(out2, 'utf8')) as ModelFile;
    expect(file.model).toBe('rum-item');
    expect(file.config).toMatchObject({
      model: 'rum-item', dim: 32, slots: 20, alpha: 0.2, beta: 1, epochs: 4, lr: 0.005, l2: 1e-4, negatives: 1,
      batchSize: 512, seed: 1, minUserEvents: 10, trainPercent: 70, validationPercent: 10, patience: 10, n: 5,
    });
    expect(file.users).toHaveLength(400);
    expect(file.items.length).toBeGreaterThan(100);
    expect(file.titles).toHaveLength(file.items.length);
    expect(file.itemEmbeddings).toHaveLength(file.items.length);
    expect(file.userEmbeddings).toHaveLength(file.users.length);
    for (const table of [file.itemEmbeddings, file.userEmbeddings]) {
      for (const row of table) {
        expect(row).toHaveLength(32);
        for (const x of row) expect(Number.isFinite(x) && Math.fround(x) === x).toBe(true); // float32 values
      }
    }
    expect(file.trainedBy).toMatchObject({ worldSize: 2, gradients: 'sparse' });
    expect(file.metrics.test).toEqual({ metrics: line.metrics, users: line.users, n: 5 });

    // One process, and two with dense gradients (NCCL's path, here on gloo): the same data each
    // step (every process draws the whole batch), so the tables agree to float32 rounding.
    const out1 = join(dir, 'model-1.json');
    expect(runScript(PYTHON, [SCRIPT, ...settings, '--out', out1]).worldSize).toBe(1);
    const outDense = join(dir, 'model-dense.json');
    expect((await torchrun(outDense, '--dense-grads')).gradients).toBe('dense');
    for (const other of [out1, outDense]) {
      const o = JSON.parse(readFileSync(other, 'utf8')) as ModelFile;
      expect(o.users).toEqual(file.users);
      expect(o.items).toEqual(file.items);
      expect(maxAbsDiff(o.itemEmbeddings, file.itemEmbeddings)).toBeLessThan(1e-4);
      expect(maxAbsDiff(o.userEmbeddings, file.userEmbeddings)).toBeLessThan(1e-4);
    }

    // The workbench takes the file, evaluates it by its own protocol, and gets the script's figures.
    const imported = run('import-model', '--dataset', String(datasetId), '--file', out2);
    const modelId = imported.modelId as number;
    expect(modelId).toBeGreaterThan(0);
    // import-model keeps the file's own figures beside its evaluation: they agree.
    expect(imported).toMatchObject({ backend: 'imported', imported: { trainedBy: { worldSize: 2 }, reported: { n: 5, users: line.users } } });
    expect((imported.imported as { largestDifference: number }).largestDifference).toBeLessThan(1e-12);
    const ev = run('evaluate', '--model', String(modelId)) as { metrics: Record<string, number>; users: number; n: number };
    expect(ev.users).toBe(line.users);
    expect(ev.n).toBe(5);
    for (const k of METRICS) expect(ev.metrics[k], k).toBeCloseTo(line.metrics[k], 12);

    // Its export lists users and items in the workbench's split order: the file's order, row for row.
    const exported = join(dir, 'exported.json');
    run('export-model', '--model', String(modelId), '--out', exported);
    const back = JSON.parse(readFileSync(exported, 'utf8')) as ModelFile;
    expect(back.users).toEqual(file.users);
    expect(back.items).toEqual(file.items);
    expect(back.titles).toEqual(file.titles);
    expect(maxAbsDiff(back.itemEmbeddings, file.itemEmbeddings)).toBe(0);
    expect(maxAbsDiff(back.userEmbeddings, file.userEmbeddings)).toBe(0);
  }, 150_000);
});
