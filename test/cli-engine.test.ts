import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli';
import { DEMO } from './demo-model';
import { tmpDir } from './helpers';

interface Exported {
  model: string;
  config: { dim: number; slots: number; alpha: number; beta: number; minUserEvents: number; trainPercent: number };
  users: string[];
  items: string[];
  itemEmbeddings: number[][];
  userEmbeddings: number[][];
}

/**
 * The paper's protocol recomputed from the exported JSON alone, by code that shares nothing with
 * the workbench: split, memory, softmax attention, ranking and HR/precision written out plainly.
 */
function independentEvaluation(model: Exported, csv: string, n: number) {
  const rows = csv.trim().split('\n').slice(1).map((l) => l.split(','));
  const byUser = new Map<string, { item: string; t: number; seq: number }[]>();
  rows.forEach(([u, i, , t], seq) => (byUser.get(u) ?? byUser.set(u, []).get(u)!).push({ item: i, t: Number(t), seq }));
  const idx = new Map(model.items.map((id, k) => [id, k]));
  const dot = (a: number[], b: number[]) => a.reduce((s, x, d) => s + x * b[d], 0);
  const { slots: K, alpha, beta } = model.config;
  let hits = 0;
  let hitUsers = 0;
  let users = 0;
  model.users.forEach((u, uk) => {
    const events = byUser.get(u)!.sort((a, b) => a.t - b.t || a.seq - b.seq);
    const train = Math.floor((events.length * model.config.trainPercent) / 100);
    const history = events.slice(0, train).map((e) => idx.get(e.item)!);
    const test = new Set(events.slice(train).map((e) => idx.get(e.item)!));
    const memory = history.slice(Math.max(0, train - K)).map((i) => model.itemEmbeddings[i]);
    const bought = new Set(history);
    const scored = model.itemEmbeddings.map((q, i) => {
      const w = memory.map((m) => dot(q, m));
      const mx = Math.max(...w.map((x) => beta * x));
      const e = w.map((x) => Math.exp(beta * x - mx));
      const s = e.reduce((a, b) => a + b, 0);
      const mem = w.length ? w.reduce((acc, x, k) => acc + (e[k] / s) * x, 0) : 0;
      return { i, logit: dot(model.userEmbeddings[uk], q) + alpha * mem };
    });
    const top = scored.filter((x) => !bought.has(x.i)).sort((a, b) => b.logit - a.logit || a.i - b.i).slice(0, n);
    const h = top.filter((x) => test.has(x.i)).length;
    users++;
    hits += h;
    if (h > 0) hitUsers++;
  });
  return { precision: hits / (n * users), hr: hitUsers / users, users };
}

describe('CLI: train, evaluate, export-model', () => {
  it('trains with the contract keys, evaluates, and the exported weights reproduce the metrics independently', () => {
    const db = join(tmpDir(), 'wb.db');
    const imp = cli(['import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv'), '--db', db, '--json']).json();
    const train = cli(['train', '--dataset', String(imp.datasetId), '--slots', '5', '--dim', '16', '--epochs', '5', '--seed', '3', '--db', db, '--json']);
    expect(train.code, train.stderr).toBe(0);
    const t = train.json();
    for (const key of ['modelId', 'model', 'backend', 'seconds', 'epochs', 'metrics']) expect(t).toHaveProperty(key);
    expect(t.model).toBe('rum-item');
    expect(train.stderr).toMatch(/epoch 1\/5/); // progress goes to stderr, never stdout

    const ev = cli(['evaluate', '--model', String(t.modelId), '--n', '5', '--db', db, '--json']);
    expect(ev.code, ev.stderr).toBe(0);
    const e = ev.json() as { metrics: Record<string, number>; n: number; users: number };
    expect(e.n).toBe(5);
    expect(e.metrics).toEqual(t.metrics); // evaluate at the same N gives what training stored

    const out = join(tmpDir(), 'model.json');
    expect(cli(['export-model', '--model', String(t.modelId), '--out', out, '--db', db, '--json']).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as Exported;
    expect(exported.itemEmbeddings[0]).toHaveLength(16);
    const mine = independentEvaluation(exported, readFileSync(join(DEMO, 'purchases.csv'), 'utf8'), 5);
    expect(mine.users).toBe(e.users);
    expect(e.metrics.precision).toBeCloseTo(mine.precision, 6);
    expect(e.metrics.hr).toBeCloseTo(mine.hr, 6);
  });

  it('exits 2 on bad settings and unknown ids', () => {
    const db = join(tmpDir(), 'wb.db');
    expect(cli(['train', '--dataset', '1', '--db', db]).stderr).toMatch(/no dataset 1/);
    expect(cli(['train', '--dataset', '1', '--db', db]).code).toBe(2);
    expect(cli(['train', '--dataset', '1', '--dim', 'many', '--db', db]).code).toBe(2);
    const unknown = cli(['train', '--dataset', '1', '--model', 'hmm', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/model must be one of .*gru.*got "hmm"/);
    expect(cli(['evaluate', '--model', '42', '--db', db]).code).toBe(2);
  });
});
