import { describe, expect, it } from 'vitest';
import { generateSequentialLog } from '../dataset/synthetic-log';
import { timeOrderedSplit } from '../dataset/split';
import { initRumItemParams, type RumItemParams } from '../model/rum-item/params';
import { createRumItemBatch } from '../model/rum-item/kernel';
import { scoreAllItems } from '../model/rum-item/score';
import { Rng } from '../random';
import { topN } from '../eval/top-n';
import { DEFAULT_CONFIG, effectiveConfig, validateConfig, type TrainConfig } from './config';
import { boughtBefore, ExampleSampler, fitEnds } from './examples';
import type { RankFn } from './protocol';
import { trainModel, type Weights } from './trainer';
import { popularityRank } from './pop-rank';
import { tensorOf } from '../model/model';
import { rumParams } from '../model/rum-item/weights';
import { provideTfjs } from '../model/tfjs';

const log = generateSequentialLog({ users: 120, items: 300, events: 3000, seed: 5 });
const split = timeOrderedSplit(log);

/** Plain-JS ranking (the worker uses tfjs; the tests keep core/ free of it). */
function jsRank(w: Weights): RankFn {
  if (w.kind === 'pop') return popularityRank(tensorOf(w, 'counts'));
  const params = rumParams(w);
  return (users, memories, excluded, n) =>
    Array.from(users, (u, j) => {
      const skip = new Uint8Array(params.nItems);
      for (const i of excluded[j]) skip[i] = 1;
      return topN(scoreAllItems(params, u, memories[j]), n, skip);
    });
}

const config = (over: Partial<TrainConfig> = {}): TrainConfig => ({ ...DEFAULT_CONFIG, dim: 8, slots: 5, epochs: 4, ...over });

describe('training examples', () => {
  it('hold out the end of each training part for validation, keeping one event to fit', () => {
    const ends = fitEnds(split, 10);
    split.sequences.forEach((s, u) => {
      expect(ends[u]).toBe(s.trainLength - Math.max(1, Math.floor(s.trainLength / 10)));
      expect(ends[u]).toBeGreaterThanOrEqual(1);
    });
  });

  it('fill memories with the purchases before t (masked with -1) and draw negatives the user never bought', () => {
    const ends = fitEnds(split, 10);
    const sampler = new ExampleSampler(split, ends, 5, 3);
    const batch = createRumItemBatch(256, 5, 4);
    const rng = new Rng(1);
    const order = sampler.order(rng);
    sampler.fill(batch, order, 0, 256, rng);
    for (let b = 0; b < 256; b++) {
      const ex = order[b];
      const u = sampler.exUser[ex];
      const t = sampler.exPos[ex];
      const items = split.sequences[u].items;
      expect(batch.users[b]).toBe(u);
      expect(batch.memoryLength[b]).toBe(Math.min(t, 5));
      for (let k = 0; k < 5; k++) {
        expect(batch.memory[b * 5 + k]).toBe(k < Math.min(t, 5) ? items[t - Math.min(t, 5) + k] : -1);
      }
      expect(batch.candidates[b * 4]).toBe(items[t]);
      const bought = boughtBefore(items, split.sequences[u].trainLength);
      for (let c = 1; c < 4; c++) expect(bought.includes(batch.candidates[b * 4 + c])).toBe(false);
    }
  });
});

describe('trainModel', () => {
  it('is deterministic: the same seed gives the same weights and curve', () => {
    const a = trainModel(split, config(), { makeRank: jsRank });
    const b = trainModel(split, config(), { makeRank: jsRank });
    const c = trainModel(split, config({ seed: 2 }), { makeRank: jsRank });
    expect(a.weights.tensors.item.data).toEqual(b.weights.tensors.item.data);
    expect(a.weights.tensors.user.data).toEqual(b.weights.tensors.user.data);
    expect(a.curve.map((e) => e.loss)).toEqual(b.curve.map((e) => e.loss));
    expect(a.weights.tensors.item.data).not.toEqual(c.weights.tensors.item.data);
  });

  it('lowers the training loss, reports progress, and keeps the best validation epoch', () => {
    const progress: number[] = [];
    const out = trainModel(split, config({ epochs: 6, patience: 10 }), { makeRank: jsRank, onProgress: (p) => progress.push(p.epoch) });
    expect(out.curve[out.curve.length - 1].loss).toBeLessThan(out.curve[0].loss);
    expect(progress.length).toBeGreaterThan(0);
    const best = Math.max(...out.curve.map((e) => e.validation.ndcg));
    expect(out.curve[out.bestEpoch - 1].validation.ndcg).toBe(best);
    expect(out.validation.metrics.ndcg).toBe(best);
  });

  it('stops early after `patience` epochs without improvement', () => {
    const out = trainModel(split, config({ epochs: 50, patience: 1, lr: 0.05 }), { makeRank: jsRank });
    expect(out.stoppedEarly).toBe(true);
    expect(out.epochsRun).toBe(out.bestEpoch + 1);
  });

  it('can be cancelled between batches', () => {
    let calls = 0;
    expect(() => trainModel(split, config(), { makeRank: jsRank, isCancelled: () => ++calls > 3 })).toThrow(/cancelled/);
  });

  describe('the baselines, trained', () => {
    const dot = (a: Float32Array, i: number, b: Float32Array, j: number, dim: number) => {
      let s = 0;
      for (let d = 0; d < dim; d++) s += a[i * dim + d] * b[j * dim + d];
      return s;
    };
    const memories = (nItems: number) => [[], [7], [3, 11, 250 % nItems], [1, 2, 3, 4, 5, 6, 7, 8]];
    /**
     * What the pairwise BPR loss optimises, computed by hand: over every training purchase, the
     * share of items the user never bought that score below the purchased one (0.5 = chance).
     */
    const pairsInOrder = (p: RumItemParams) => {
      let right = 0;
      let pairs = 0;
      split.sequences.forEach((s, u) => {
        const bought = new Set(s.items.slice(0, s.trainLength));
        for (let t = 1; t < s.trainLength; t++) {
          const scores = scoreAllItems(p, u, s.items.slice(0, t));
          for (let i = 0; i < p.nItems; i++) {
            if (bought.has(i)) continue;
            pairs++;
            if (scores[i] < scores[s.items[t]]) right++;
          }
        }
      });
      return right / pairs;
    };
    const untrained = (c: TrainConfig) => {
      const e = effectiveConfig(c);
      return initRumItemParams(e, split.sequences.length, split.itemOf.length, new Rng(e.seed), e.initScale);
    };

    it("BPR-MF: the loss falls, purchases rise above the rest, and every score is p_u . q_i whatever the user bought", () => {
      const c = config({ model: 'bpr', epochs: 6, patience: 10 });
      const out = trainModel(split, c, { makeRank: jsRank });
      expect(out.epochsRun).toBe(6);
      expect(out.curve[5].loss).toBeLessThan(out.curve[0].loss);
      const p = rumParams(out.weights);
      const dim = p.config.dim;
      // It learned to order purchases above what the users never bought, from chance.
      expect(Math.abs(pairsInOrder(untrained(c)) - 0.5)).toBeLessThan(0.02);
      expect(pairsInOrder(p)).toBeGreaterThan(0.55);
      for (const u of [0, 17, p.nUsers - 1]) {
        for (const memory of memories(p.nItems)) {
          const scores = scoreAllItems(p, u, memory);
          for (let i = 0; i < p.nItems; i += 7) expect(scores[i]).toBeCloseTo(dot(p.user, u, p.item, i, dim), 5);
        }
      }
    });

    it("FPMC: the loss falls, purchases rise above the rest, and every score is p_u . q_i + q_last . q_i, the last purchase alone", () => {
      const c = config({ model: 'fpmc', epochs: 6, patience: 10 });
      const out = trainModel(split, c, { makeRank: jsRank });
      expect(out.epochsRun).toBe(6);
      expect(out.curve[5].loss).toBeLessThan(out.curve[0].loss);
      const p = rumParams(out.weights);
      const dim = p.config.dim;
      // It learned to order purchases above what the users never bought, from chance.
      expect(Math.abs(pairsInOrder(untrained(c)) - 0.5)).toBeLessThan(0.02);
      expect(pairsInOrder(p)).toBeGreaterThan(0.55);
      for (const u of [0, 17, p.nUsers - 1]) {
        for (const memory of memories(p.nItems).filter((m) => m.length > 0)) {
          const last = memory[memory.length - 1];
          const scores = scoreAllItems(p, u, memory);
          for (let i = 0; i < p.nItems; i += 7) {
            expect(scores[i]).toBeCloseTo(dot(p.user, u, p.item, i, dim) + dot(p.item, last, p.item, i, dim), 5);
          }
        }
      }
    });

    it('MostPopular: each item scores its number of purchases in the training parts', () => {
      const pop = trainModel(split, config({ model: 'pop' }), { makeRank: jsRank });
      expect(pop.weights.kind).toBe('pop');
      const counts = new Map<number, number>();
      for (const s of split.sequences) for (const i of s.items.slice(0, s.trainLength)) counts.set(i, (counts.get(i) ?? 0) + 1);
      expect(Array.from(tensorOf(pop.weights, 'counts')).map((c, i) => [i, c]).filter(([, c]) => c > 0)).toEqual([...counts].sort((a, b) => a[0] - b[0]));
      expect(pop.epochsRun).toBe(0);
    });
  });

  it('refuses impossible settings, naming them', () => {
    expect(() => validateConfig(config({ dim: 0 }))).toThrow(/dim/);
    expect(() => validateConfig(config({ lr: Number.NaN }))).toThrow(/lr/);
    expect(() => validateConfig(config({ model: 'hmm' as never }))).toThrow(/model/);
  });
});

describe('trainModel through tfjs autodiff', () => {
  it('follows the same trajectory as the fused kernel (same gradients, same updates)', async () => {
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    provideTfjs(tf);
    const small = timeOrderedSplit(generateSequentialLog({ users: 30, items: 60, events: 450, seed: 9 }));
    const c = config({ epochs: 2, batchSize: 64 });
    const viaKernel = trainModel(small, c, { makeRank: jsRank });
    const viaTf = trainModel(small, { ...c, gradients: 'tfjs' }, { makeRank: jsRank });
    const a = rumParams(viaKernel.weights).item;
    const b = rumParams(viaTf.weights).item;
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThan(1e-3);
    viaKernel.curve.forEach((e, k) => expect(viaTf.curve[k].loss).toBeCloseTo(e.loss, 4));
  });
});
