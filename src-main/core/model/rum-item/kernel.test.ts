import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { provideTfjs } from '../tfjs';
import { Rng } from '../../random';
import { initRumItemParams, type RumItemConfig, type RumItemParams } from './params';
import {
  logitWithAttention,
  lossAndGradients,
  RumItemScratch,
  SparseAdam,
  trainBatch,
  type RowGradients,
  type RumItemBatch,
  type SparseOptimiser,
} from './kernel';
import { gatherRumItemRows, lossAndGradientsTf, rumItemForwardTf } from './tf';
import { makeBatch, type Example } from './test-helpers';

const logitOf = (params: RumItemParams, user: number, memory: number[], item: number) =>
  logitWithAttention(params, user, memory, item).logit;


/**
 * The loss written the plain way, in float64, independent of the kernel: the memory embedding as
 * a vector, then the logit, then BCE from probabilities.
 */
function referenceLoss(
  P: Float64Array,
  Q: Float64Array,
  config: RumItemConfig,
  batch: RumItemBatch,
  l2: number,
  kind: 'bce' | 'bpr' = 'bce',
): number {
  const { dim: D, slots: K, alpha, beta } = config;
  const C = batch.candidatesPerExample;
  const row = (T: Float64Array, r: number) => Array.from(T.subarray(r * D, (r + 1) * D));
  const dotv = (a: number[], b: number[]) => a.reduce((s, x, d) => s + x * b[d], 0);
  let total = 0;
  for (let b = 0; b < batch.size; b++) {
    const p = row(P, batch.users[b]);
    total += l2 * dotv(p, p);
    const L = alpha === 0 ? 0 : batch.memoryLength[b];
    const mem = Array.from({ length: L }, (_, k) => row(Q, batch.memory[b * K + k]));
    for (const m of mem) total += l2 * dotv(m, m);
    const logits: number[] = [];
    for (let c = 0; c < C; c++) {
      const q = row(Q, batch.candidates[b * C + c]);
      total += l2 * dotv(q, q);
      const pm = new Array<number>(D).fill(0);
      if (L > 0) {
        const e = mem.map((m) => Math.exp(beta * dotv(q, m)));
        const sum = e.reduce((s, x) => s + x, 0);
        mem.forEach((m, k) => m.forEach((x, d) => (pm[d] += (e[k] / sum) * x)));
      }
      logits.push(dotv(p, q) + alpha * dotv(pm, q));
    }
    for (let c = 0; c < C; c++) {
      if (kind === 'bpr') {
        // BPR: each negative against the positive (candidate 0).
        if (c > 0) total += -Math.log(1 / (1 + Math.exp(-(logits[0] - logits[c]))));
        continue;
      }
      const prob = 1 / (1 + Math.exp(-logits[c]));
      const y = batch.labels[b * C + c];
      total += -y * Math.log(prob) - (1 - y) * Math.log(1 - prob);
    }
  }
  return total / (batch.size * C);
}

function toMap(g: RowGradients, dim: number): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (let s = 0; s < g.count; s++) m.set(g.rows[s], Array.from(g.grad.subarray(s * dim, (s + 1) * dim)));
  return m;
}

const config: RumItemConfig = { dim: 5, slots: 4, alpha: 0.7, beta: 1.5 };
const C = 3;
// Memory lengths 0, 1, 3 and K; user 1 and items 2, 3 recur; item 2 is both memory and candidate
// of the second example; the last user bought item 5 twice.
const examples: Example[] = [
  { user: 0, memory: [], candidates: [1, 4, 6] },
  { user: 1, memory: [2], candidates: [2, 3, 7] },
  { user: 1, memory: [2, 3, 0], candidates: [4, 2, 5] },
  { user: 3, memory: [5, 0, 5, 3], candidates: [6, 1, 3] },
];

describe('lossAndGradients', () => {
  it.each(['bce', 'bpr'] as const)('matches float64 finite differences of an independent %s loss on every touched coordinate', (kind) => {
    const params = initRumItemParams(config, 4, 8, new Rng(7), 0.6);
    const batch = makeBatch(examples, config.slots, C);
    const l2 = 0.03;
    const { loss, grads } = lossAndGradients(params, batch, l2, kind);
    const P = Float64Array.from(params.user);
    const Q = Float64Array.from(params.item);
    const referenceLossOf = (P2: Float64Array, Q2: Float64Array, c: RumItemConfig, b: RumItemBatch, l: number) => referenceLoss(P2, Q2, c, b, l, kind);
    expect(loss).toBeCloseTo(referenceLossOf(P, Q, config, batch, l2), 10);
    expect([...grads.user.rows].sort()).toEqual([0, 1, 3]);
    expect([...grads.item.rows].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const h = 1e-5;
    let checked = 0;
    for (const [table, g] of [
      [P, grads.user],
      [Q, grads.item],
    ] as const) {
      for (let s = 0; s < g.count; s++) {
        for (let d = 0; d < config.dim; d++) {
          const at = g.rows[s] * config.dim + d;
          const x = table[at];
          table[at] = x + h;
          const up = referenceLossOf(P, Q, config, batch, l2);
          table[at] = x - h;
          const down = referenceLossOf(P, Q, config, batch, l2);
          table[at] = x;
          const numeric = (up - down) / (2 * h);
          const analytic = g.grad[s * config.dim + d];
          const rel = Math.abs(numeric - analytic) / Math.max(Math.abs(numeric), Math.abs(analytic), 1e-8);
          expect(rel, `row ${g.rows[s]} dim ${d}: ${analytic} vs ${numeric}`).toBeLessThan(1e-3);
          checked++;
        }
      }
    }
    expect(checked).toBe((3 + 8) * config.dim);
  });

  it('with alpha = 0 reads no memory and needs none', () => {
    const mf = { ...config, alpha: 0 };
    const params = initRumItemParams(mf, 4, 8, new Rng(3), 0.6);
    const batch = makeBatch(examples, config.slots, C);
    const { loss, grads } = lossAndGradients(params, { ...batch, memory: new Int32Array(0) }, 0.01);
    expect(loss).toBeCloseTo(referenceLoss(Float64Array.from(params.user), Float64Array.from(params.item), mf, batch, 0.01), 10);
    // Item 0 is only ever a memory item, so plain MF does not touch it.
    expect([...grads.item.rows]).not.toContain(0);
  });
});

describe('the kernel against tfjs autodiff', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    provideTfjs(tf);
    await tf.ready();
  });

  for (const alpha of [0.7, 0]) {
    it(`gives the same loss and row gradients (alpha = ${alpha})`, () => {
      const cfg = { ...config, alpha };
      const params = initRumItemParams(cfg, 4, 8, new Rng(11), 0.6);
      const batch = makeBatch(examples, cfg.slots, C);
      const kernel = lossAndGradients(params, batch, 0.02);
      const auto = lossAndGradientsTf(params, batch, 0.02);
      expect(auto.loss).toBeCloseTo(kernel.loss, 5);
      for (const table of ['user', 'item'] as const) {
        expect(Array.from(auto.grads[table].rows)).toEqual(Array.from(kernel.grads[table].rows));
        const a = auto.grads[table].grad;
        const k = kernel.grads[table].grad;
        for (let j = 0; j < k.length; j++) expect(Math.abs(a[j] - k[j])).toBeLessThan(1e-6 + 1e-4 * Math.abs(k[j]));
      }
    });
  }

  it('attends in tfjs exactly to the filled slots', () => {
    const cfg = { ...config, slots: 20 };
    const params = initRumItemParams(cfg, 2, 30, new Rng(5));
    const batch = makeBatch([{ user: 1, memory: [4, 9, 17], candidates: [3] }, { user: 0, memory: [], candidates: [3] }], 20, 1);
    const rows = gatherRumItemRows(params, batch);
    const { logits, attention } = rumItemForwardTf(cfg, rows);
    const z = attention.arraySync()[0][0];
    expect(z.filter((x) => x > 0)).toHaveLength(3);
    expect(z.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    expect(attention.arraySync()[1][0].every((x) => x === 0)).toBe(true);
    const l = logits.arraySync();
    expect(l[0][0]).toBeCloseTo(logitOf(params, 1, [4, 9, 17], 3), 5);
    expect(Number.isFinite(l[1][0])).toBe(true);
    tf.dispose([logits, attention, rows.user, rows.candidates, rows.memory, rows.mask]);
  });
});

describe('logitWithAttention', () => {
  it('is plain MF when alpha = 0', () => {
    const params = initRumItemParams({ dim: 8, slots: 20, alpha: 0, beta: 1 }, 3, 10, new Rng(1));
    let mf = 0;
    for (let d = 0; d < 8; d++) mf += params.user[2 * 8 + d] * params.item[6 * 8 + d];
    expect(logitOf(params, 2, [1, 3, 5], 6)).toBe(mf);
    expect(logitOf(params, 2, [], 6)).toBe(mf);
  });

  it("is FPMC's prediction when K = 1 and alpha = 1", () => {
    const params = initRumItemParams({ dim: 8, slots: 1, alpha: 1, beta: 1 }, 3, 10, new Rng(2));
    const dotRows = (a: Float32Array, i: number, b: Float32Array, j: number) => {
      let s = 0;
      for (let d = 0; d < 8; d++) s += a[i * 8 + d] * b[j * 8 + d];
      return s;
    };
    const expected = dotRows(params.user, 1, params.item, 4) + dotRows(params.item, 7, params.item, 4);
    const e = logitWithAttention(params, 1, [7], 4);
    expect(e.logit).toBeCloseTo(expected, 12);
    expect(Array.from(e.attention)).toEqual([1]);
    // The FIFO memory of K = 1 holds only the latest purchase.
    expect(logitOf(params, 1, [2, 3, 7], 4)).toBeCloseTo(expected, 12);
  });

  it('attends to exactly the 3 purchases of a user when K = 20', () => {
    const params = initRumItemParams({ dim: 8, slots: 20, alpha: 0.2, beta: 1 }, 3, 30, new Rng(3));
    const e = logitWithAttention(params, 0, [4, 9, 17], 2);
    expect(Array.from(e.memoryItems)).toEqual([4, 9, 17]);
    expect(e.attention).toHaveLength(3);
    expect(e.attention.every((z) => z > 0)).toBe(true);
    expect(e.attention.reduce((s, z) => s + z, 0)).toBeCloseTo(1, 12);
    expect(e.intrinsic + e.memoryTerm).toBeCloseTo(e.logit, 12);
  });
});

/** Records what the kernel hands the optimiser, so trainBatch's gradients can be checked. */
class Recorder implements SparseOptimiser {
  user = new Map<number, number[]>();
  item = new Map<number, number[]>();
  apply(params: RumItemParams, user: RowGradients, item: RowGradients): void {
    this.user = toMap(user, params.config.dim);
    this.item = toMap(item, params.config.dim);
  }
}

function randomBatch(rng: Rng, nUsers: number, nItems: number, size: number, slots: number, C: number): RumItemBatch {
  const ex: Example[] = [];
  for (let b = 0; b < size; b++) {
    const L = rng.int(slots + 1);
    ex.push({
      user: rng.int(nUsers),
      memory: Array.from({ length: L }, () => rng.int(nItems)),
      candidates: Array.from({ length: C }, () => rng.int(nItems)),
    });
  }
  return makeBatch(ex, slots, C);
}

describe('trainBatch', () => {
  it('hands the optimiser the same gradients as lossAndGradients, reusing its scratch', () => {
    const params = initRumItemParams(config, 6, 40, new Rng(4), 0.5);
    const scratch = new RumItemScratch(params, 32, C);
    const rng = new Rng(9);
    for (const size of [32, 7, 32]) {
      const batch = randomBatch(rng, 6, 40, size, config.slots, C);
      const expected = lossAndGradients(params, batch, 0.01);
      const rec = new Recorder();
      expect(trainBatch(params, batch, rec, 0.01, scratch, true)).toBe(expected.loss);
      expect(rec.user).toEqual(toMap(expected.grads.user, config.dim));
      expect(rec.item).toEqual(toMap(expected.grads.item, config.dim));
    }
  });

  it('refuses a batch larger than its scratch', () => {
    const params = initRumItemParams(config, 6, 40, new Rng(4));
    const batch = randomBatch(new Rng(1), 6, 40, 8, config.slots, C);
    expect(() => trainBatch(params, batch, new Recorder(), 0, new RumItemScratch(params, 4, C))).toThrow(/scratch/);
  });

  it('SparseAdam lowers the loss on a fixed batch and leaves other rows bit for bit', () => {
    const params = initRumItemParams(config, 10, 60, new Rng(8));
    const batch = randomBatch(new Rng(2), 5, 30, 16, config.slots, C);
    const before = { user: params.user.slice(), item: params.item.slice() };
    const opt = new SparseAdam(params, { lr: 0.05 });
    const scratch = new RumItemScratch(params, 16, C);
    const first = lossAndGradients(params, batch, 0.001);
    let last = 0;
    for (let s = 0; s < 30; s++) last = trainBatch(params, batch, opt, 0.001, scratch);
    expect(last).toBeLessThan(first.loss * 0.8);
    const touchedItems = new Set(first.grads.item.rows);
    const touchedUsers = new Set(first.grads.user.rows);
    const same = (a: Float32Array, b: Float32Array, r: number) =>
      a.subarray(r * config.dim, (r + 1) * config.dim).every((x, d) => Object.is(x, b[r * config.dim + d]));
    for (let r = 0; r < 60; r++) expect(same(params.item, before.item, r)).toBe(!touchedItems.has(r));
    for (let r = 0; r < 10; r++) expect(same(params.user, before.user, r)).toBe(!touchedUsers.has(r));
  });

  it('SparseAdam is lazy: a row skipped by a step keeps its moments, bias correction uses the global step', () => {
    const params = initRumItemParams({ dim: 1, slots: 0, alpha: 0, beta: 1 }, 1, 2, new Rng(1));
    params.item.set([0.5, 0.25]);
    const opt = new SparseAdam(params, { lr: 0.1, beta1: 0.5, beta2: 0.75, epsilon: 0 });
    const none: RowGradients = { count: 0, rows: new Int32Array(0), grad: new Float64Array(0) };
    const g = (row: number, x: number): RowGradients => ({ count: 1, rows: Int32Array.of(row), grad: Float64Array.of(x) });
    opt.apply(params, none, g(0, 2));
    opt.apply(params, none, g(1, 1));
    opt.apply(params, none, g(0, -1));
    // Row 0: m1 = 1, v1 = 1; untouched at step 2; m3 = 0.5 - 0.5 = 0, so step 3 does not move it.
    const lr1 = (0.1 * Math.sqrt(1 - 0.75)) / (1 - 0.5);
    expect(params.item[0]).toBe(Math.fround(0.5 - (lr1 * 1) / Math.sqrt(1)));
    const lr2 = (0.1 * Math.sqrt(1 - 0.75 ** 2)) / (1 - 0.5 ** 2);
    expect(params.item[1]).toBe(Math.fround(0.25 - (lr2 * 0.5) / Math.sqrt(0.25)));
  });

  it('is deterministic: same seed, same batches, same parameters', () => {
    const run = () => {
      const params = initRumItemParams(config, 10, 50, new Rng(42));
      const opt = new SparseAdam(params, { lr: 0.01 });
      const scratch = new RumItemScratch(params, 20, C);
      const rng = new Rng(43);
      for (let s = 0; s < 10; s++) trainBatch(params, randomBatch(rng, 10, 50, 20, config.slots, C), opt, 0.001, scratch);
      return params;
    };
    const a = run();
    const b = run();
    expect(a.item).toEqual(b.item);
    expect(a.user).toEqual(b.user);
  });
});
