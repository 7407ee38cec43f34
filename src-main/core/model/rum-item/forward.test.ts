// Every implementation of item-level RUM's forward pass against the one definition,
// rumItemForward, on random parameters: the training kernel's fused forward (through its loss,
// for both losses), the full-catalogue scorer, the explanations' StepScores (logits, attention,
// and every "without slot k" counterfactual), and the tfjs definition. Float64 paths agree to
// 1e-12; float32 outputs to float32 rounding.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { provideTfjs } from '../tfjs';
import { rumStepScores } from './step-scores';
import { Rng } from '../../random';
import { readMemory } from '../memory';
import { initRumItemParams, type RumItemConfig, type RumItemParams } from './params';
import { createRumItemBatch, lossAndGradients } from './kernel';
import { scoreAllItems } from './score';
import { gatherRumItemRows, rumItemForwardTf } from './tf';
import { rumItemForward } from './forward';

const N_USERS = 4;
const N_ITEMS = 40;

// Dims 7 and 13 leave a remainder after the 4-wide unrolled loops; beta 0 is uniform attention,
// alpha 0 plain MF, negative alpha a memory that pulls scores down, K 1 FPMC's shape.
const CONFIGS: RumItemConfig[] = [
  { dim: 8, slots: 5, alpha: 0.7, beta: 2.5 },
  { dim: 7, slots: 6, alpha: -0.4, beta: 1 },
  { dim: 13, slots: 1, alpha: 1, beta: 1 },
  { dim: 5, slots: 4, alpha: 0.3, beta: 0 },
  { dim: 6, slots: 3, alpha: 0, beta: 1 },
  { dim: 4, slots: 0, alpha: 0.2, beta: 1 },
];

// A large init scale, so attention is far from uniform and a wrong softmax would show.
const paramsOf = (config: RumItemConfig, seed: number) => initRumItemParams(config, N_USERS, N_ITEMS, new Rng(seed), 0.8);

/** Histories of every length up to K + 2, some with padding (-1) inside them. */
function histories(rng: Rng, K: number): number[][] {
  const out: number[][] = [];
  for (let len = 0; len <= K + 2; len++) {
    const h = Array.from({ length: len }, () => rng.int(N_ITEMS));
    out.push(h);
    if (len > 1) out.push([-1, ...h.slice(0, 1), -1, ...h.slice(1)]);
  }
  return out;
}

const close = (actual: number, expected: number, tol = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));

/** Within float32 rounding of the float64 reference (plus the float32 inputs' own noise). */
const closeF32 = (actual: number, expected: number) => close(actual, expected, 2e-6);

const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

describe.each(CONFIGS.map((c, i) => [JSON.stringify(c), c, i] as const))('the forward pass, %s', (_name, config, seed) => {
  const params: RumItemParams = paramsOf(config, seed + 1);
  const rng = new Rng(100 + seed);
  const cases = histories(rng, config.slots).map((memory, j) => ({ user: j % N_USERS, memory }));

  it('reference: attention over the filled slots sums to 1 and the logit is intrinsic + the slot shares', () => {
    for (const { user, memory } of cases) {
      const read = readMemory(params, memory);
      for (let i = 0; i < N_ITEMS; i += 5) {
        const f = rumItemForward(params, user, memory, i);
        expect(Array.from(f.memoryItems)).toEqual(Array.from(read));
        if (read.length) close(f.attention.reduce((a, b) => a + b, 0), 1);
        close(f.logit, f.intrinsic + f.slotShare.reduce((a, b) => a + b, 0));
      }
    }
  });

  it('full-catalogue scorer (scoreAllItems) = reference, to float32 rounding', () => {
    for (const { user, memory } of cases) {
      const scores = scoreAllItems(params, user, memory);
      for (let i = 0; i < N_ITEMS; i++) closeF32(scores[i], rumItemForward(params, user, memory, i).logit);
    }
  });

  it('StepScores (explanations) = reference: logits, intrinsic and memory parts, attention, every counterfactual', () => {
    for (const { user, memory } of cases) {
      const read = readMemory(params, memory);
      const s = rumStepScores(params, user, read);
      const L = s.slots;
      const without = Array.from({ length: L }, (_, k) => s.allWithoutSlot(k));
      for (let i = 0; i < N_ITEMS; i++) {
        const f = rumItemForward(params, user, memory, i);
        close(s.logit[i], f.logit);
        close(s.intrinsic[i], f.intrinsic);
        close(s.memoryPart(i), f.memoryTerm);
        s.attention(i).forEach((z, k) => close(z, f.attention[k]));
        for (let k = 0; k < L; k++) {
          const rest = [...read.slice(0, k), ...read.slice(k + 1)];
          close(without[k][i], rumItemForward(params, user, rest, i).logit);
        }
      }
    }
  });

  it('training kernel: its BCE and BPR losses are those of the reference logits', () => {
    const K = config.slots;
    for (const { user, memory } of cases) {
      const read = readMemory(params, memory);
      const batch = createRumItemBatch(1, K, 3);
      batch.size = 1;
      batch.users[0] = user;
      batch.memoryLength[0] = read.length;
      read.forEach((m, k) => (batch.memory[k] = m));
      const items = [rng.int(N_ITEMS), rng.int(N_ITEMS), rng.int(N_ITEMS)];
      items.forEach((c, j) => {
        batch.candidates[j] = c;
        batch.labels[j] = j === 0 ? 1 : 0;
      });
      const l = items.map((i) => rumItemForward(params, user, read, i).logit);
      // Mean over B*C = 3 pairs, l2 0: BCE is softplus(l) - y l; BPR's two pairs are softplus(l_neg - l_pos).
      close(lossAndGradients(params, batch, 0, 'bce').loss, (softplus(l[0]) - l[0] + softplus(l[1]) + softplus(l[2])) / 3);
      close(lossAndGradients(params, batch, 0, 'bpr').loss, (softplus(l[1] - l[0]) + softplus(l[2] - l[0])) / 3);
    }
  });

  describe('tfjs definition', () => {
    beforeAll(async () => {
      await tf.setBackend('cpu');
      provideTfjs(tf);
    });

    it('logits and attention = reference, to float32 rounding', () => {
      const K = config.slots;
      const usable = cases.filter((c) => c.memory.every((m) => m >= 0) && c.memory.length <= K);
      const C = 2;
      const batch = createRumItemBatch(usable.length, K, C);
      batch.size = usable.length;
      usable.forEach(({ user, memory }, b) => {
        batch.users[b] = user;
        batch.memoryLength[b] = memory.length;
        memory.forEach((m, k) => (batch.memory[b * K + k] = m));
        for (let c = 0; c < C; c++) batch.candidates[b * C + c] = (b * 7 + c * 3) % N_ITEMS;
      });
      const rows = gatherRumItemRows(params, batch);
      const out = rumItemForwardTf(params.config, rows);
      const logits = out.logits.dataSync();
      const attention = out.attention.dataSync();
      const Kt = out.attention.shape[2];
      tf.dispose([out.logits, out.attention, rows.user, rows.candidates, rows.memory, rows.mask]);
      usable.forEach(({ user, memory }, b) => {
        for (let c = 0; c < C; c++) {
          const f = rumItemForward(params, user, memory, batch.candidates[b * C + c]);
          close(logits[b * C + c], f.logit, 1e-5);
          for (let k = 0; k < Kt; k++) close(attention[(b * C + c) * Kt + k], f.attention[k] ?? 0, 1e-5);
        }
      });
    });
  });
});
