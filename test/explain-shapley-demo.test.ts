// Shapley values, the why-not gap and attention trust on a model trained on the demo dataset,
// each against a computation written here from the exported weights: softmaxes re-taken per
// coalition, Shapley by the subset formula, tau-b by counting pairs. Nothing is shared with
// core/explain beyond reading the weight arrays.
import { beforeAll, describe, expect, it } from 'vitest';
import { rumParams } from '../src-main/core/model/rum-item/weights';
import { modelAttentionTrust } from '../src-main/engine/attention-trust';
import { explainUserStep } from '../src-main/engine/explain-service';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { trainJob } from '../src-main/jobs/train/train-job';
import { importDemo } from './demo-model';
import { tmpDb } from './helpers';

let model: LoadedModel;

beforeAll(async () => {
  const { db } = tmpDb();
  const datasetId = await importDemo(db);
  const { model: rec } = await trainJob(db, { datasetId, config: { slots: 5, seed: 3, epochs: 8 } });
  model = loadModel(db, rec.modelId);
});

const row = (t: Float32Array, r: number, dim: number) => Array.from(t.subarray(r * dim, (r + 1) * dim));
const dot = (a: number[], b: number[]) => a.reduce((s, x, d) => s + x * b[d], 0);

/** The candidate's dots with the memory items, from the weights. */
function dotsOf(memory: string[], item: string): number[] {
  const { item: Q, config } = rumParams(model.arrays.weights);
  const q = row(Q, model.itemIds.indexOf(item), config.dim);
  return memory.map((m) => dot(q, row(Q, model.itemIds.indexOf(m), config.dim)));
}

function v(S: number[], w: number[], alpha: number, beta: number): number {
  if (!S.length) return 0;
  const top = Math.max(...S.map((k) => beta * w[k]));
  const e = S.map((k) => Math.exp(beta * w[k] - top));
  return (alpha * S.reduce((a, k, j) => a + e[j] * w[k], 0)) / e.reduce((a, b) => a + b, 0);
}

/** Shapley by the subset formula: sum over S without k of |S|!(K-|S|-1)!/K! (v(S+k) - v(S)). */
function shapley(w: number[], alpha: number, beta: number): number[] {
  const K = w.length;
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  return w.map((_, k) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << K; mask++) {
      if (mask & (1 << k)) continue;
      const S = [...Array(K).keys()].filter((j) => mask & (1 << j));
      phi += ((fact(S.length) * fact(K - S.length - 1)) / fact(K)) * (v([...S, k], w, alpha, beta) - v(S, w, alpha, beta));
    }
    return phi;
  });
}

function tauB(x: number[], y: number[]): number {
  let c = 0, d = 0, tx = 0, ty = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const a = Math.sign(x[i] - x[j]);
    const b = Math.sign(y[i] - y[j]);
    if (a === 0) tx++;
    if (b === 0) ty++;
    if (a !== 0 && b !== 0) {
      if (a === b) c++;
      else d++;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  return (c - d) / Math.sqrt((pairs - tx) * (pairs - ty));
}

describe('Shapley values in explain on the demo model', () => {
  it('sum to the memory part and equal the subset formula, for recommendations and the candidate', () => {
    const { alpha, beta } = rumParams(model.arrays.weights).config;
    let slotsChecked = 0;
    for (const user of model.userIds.slice(0, 4)) {
      const seq = model.split.sequences[model.modelUserOf(user)];
      for (const step of [1, 3, seq.trainLength]) {
        const candidate = model.itemIds[seq.items[seq.items.length - 1]];
        const ex = explainUserStep(model, user, { step, top: 5, item: candidate });
        const memory = ex.memory.map((m) => m.item);
        for (const r of [...ex.recommendations, ex.candidate!]) {
          expect(r.shapleyNote).toBeNull();
          const phi = r.slots.map((s) => s.shapley!);
          expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(r.memory, 12);
          expect(r.slots.reduce((a, s) => a + s.share!, 0)).toBeCloseTo(r.memory, 12);
          const want = shapley(dotsOf(memory, r.item), alpha, beta);
          phi.forEach((p, k) => expect(p).toBeCloseTo(want[k], 6));
          slotsChecked += phi.length;
        }
      }
    }
    expect(slotsChecked).toBeGreaterThan(50);
  });

  it('leave recommendations past shapleyFor without values (null, with the reason)', () => {
    const user = model.userIds[0];
    const ex = explainUserStep(model, user, { top: 5, shapleyFor: 1 });
    expect(ex.recommendations[0].slots.every((s) => typeof s.shapley === 'number')).toBe(true);
    expect(ex.recommendations.slice(1).every((r) => r.shapleyNote !== null && r.slots.every((s) => s.shapley === null))).toBe(true);
  });
});

describe('the why-not gap on the demo model', () => {
  it('is the N-th logit minus the candidate logit, and each slot dotNeeded re-scores to that logit', () => {
    const { alpha, beta } = rumParams(model.arrays.weights).config;
    const user = model.userIds[1];
    const seq = model.split.sequences[model.modelUserOf(user)];
    const step = seq.trainLength;
    const bought = new Set(Array.from(seq.items.subarray(0, step), (i) => model.itemIds[i]));
    const ex0 = explainUserStep(model, user, { step, top: 5 });
    const shown = new Set(ex0.recommendations.map((r) => r.item));
    const item = model.itemIds.find((i) => !bought.has(i) && !shown.has(i))!;
    const ex = explainUserStep(model, user, { step, top: 5, item });
    const c = ex.candidate!;
    const last = ex.recommendations[4];
    expect(c.gap.target).toMatchObject({ rank: 5, item: last.item, logit: last.logit });
    expect(c.gap.gap).toBeCloseTo(last.logit - c.logit, 12);
    expect(c.gap.gap!).toBeGreaterThan(0);
    const dots = dotsOf(ex.memory.map((m) => m.item), item);
    for (const s of c.gap.slots) {
      expect(s.dot).toBeCloseTo(dots[s.slot], 9);
      const changed = (x: number) => dots.map((d, k) => (k === s.slot ? x : d));
      const all = [...dots.keys()];
      expect(s.dotNeeded).not.toBeNull();
      expect(c.intrinsic + v(all, changed(s.dotNeeded!), alpha, beta)).toBeCloseTo(last.logit, 8);
      expect(c.intrinsic + v(all, changed(s.dotNeeded! - 1e-6), alpha, beta)).toBeLessThan(last.logit);
    }
  });
});

describe('attention trust on the demo model', () => {
  it('equals top-1 agreement and mean tau-b recomputed here over every eligible step', async () => {
    const { item: Q, config } = rumParams(model.arrays.weights);
    const { dim, slots: K, alpha, beta } = config;
    let steps = 0, agree = 0, tauSum = 0, tauSteps = 0;
    for (const seq of model.split.sequences) {
      for (let t = 2; t < seq.items.length; t++) {
        const mem = Array.from(seq.items.subarray(Math.max(0, t - K), t));
        const q = row(Q, seq.items[t], dim);
        const w = mem.map((m) => dot(q, row(Q, m, dim)));
        const phi = shapley(w, alpha, beta);
        steps++;
        const topW = w.indexOf(Math.max(...w)); // attention is increasing in w (beta > 0)
        const maxPhi = Math.max(...phi);
        if (phi[topW] >= maxPhi - 1e-9 * Math.max(...phi.map(Math.abs))) agree++;
        const tau = tauB(w, phi);
        if (Number.isFinite(tau)) {
          tauSum += tau;
          tauSteps++;
        }
      }
    }
    const t = await modelAttentionTrust(model, { maxSteps: 1e9 });
    expect(t).toMatchObject({ slots: K, eligibleSteps: steps, steps, sampled: false, seed: null, note: null });
    expect(t.top1Agreement).toBeCloseTo(agree / steps, 12);
    expect(t.meanKendallTau).toBeCloseTo(tauSum / tauSteps, 12);
    // A stated sample: as many steps as asked, the seed given back.
    const s = await modelAttentionTrust(model, { maxSteps: 200, seed: 9 });
    expect(s).toMatchObject({ eligibleSteps: steps, steps: 200, sampled: true, seed: 9 });
  }, 60_000);
});
