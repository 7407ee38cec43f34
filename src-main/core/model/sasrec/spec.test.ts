// The checks core/model/registry.test.ts gives every registered kind, run here on SASRec's spec
// directly (it is not registered yet). learns.test.ts checks that it learns.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../engine/backend';
import { decodeWeights, encodeWeights } from '../../../store/weights-codec';
import { generateSequentialLog } from '../../dataset/synthetic-log';
import { timeOrderedSplit, type Split } from '../../dataset/split';
import { Rng } from '../../random';
import { DEFAULT_CONFIG, type TrainConfig } from '../../train/config';
import { fitEnds } from '../../train/examples';
import type { Weights } from '../model';
import { sasrec } from './index';
import { sasrecMeta } from './meta';
import { initSasrecParams, MAX_LENGTH, sasrecWeights } from './params';

const tiny = timeOrderedSplit(generateSequentialLog({ users: 25, items: 40, events: 400, seed: 3 }));
// 'rum-item' only because TrainConfig's model is typed from the catalogue, which does not list sasrec yet.
const tinyConfig: TrainConfig = { ...DEFAULT_CONFIG, model: 'rum-item', dim: 4, slots: 3, epochs: 2, batchSize: 64, validationUsers: 10 };

/** The trainer's epoch loop (core/train/trainer.ts) without validation; the mean loss per epoch. */
function train(split: Split, config: TrainConfig, epochs: number): { weights: Weights; losses: number[] } {
  const training = sasrec.startTraining!(split, config, { fitEnd: fitEnds(split, config.validationPercent), rng: new Rng(config.seed) });
  const losses: number[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      training.beginEpoch(epoch);
      let sum = 0;
      for (let b = 0; b < training.batches; b++) sum += training.trainBatch(b).lossSum;
      losses.push((sum + training.endEpoch()) / training.examples);
    }
    return { weights: training.snapshot(), losses };
  } finally {
    training.close();
  }
}

beforeAll(async () => {
  await initBackend();
});

describe('the sasrec spec', () => {
  it('carries its meta, trains by epochs on one thread, reads the last L purchases', () => {
    for (const [key, value] of Object.entries(sasrecMeta)) expect(sasrec[key as keyof typeof sasrec], key).toEqual(value);
    expect(sasrec.fit).toBeUndefined();
    expect(sasrec.startTraining).toBeDefined();
    expect(sasrec.helperSlices).toBeUndefined();
    expect(sasrec.settings.threads).toBe(1);
    const w = sasrecWeights(initSasrecParams({ dim: 4, maxLength: MAX_LENGTH, blocks: 2 }, 10, new Rng(1), 0.1));
    expect(sasrec.historyLength(w)).toBe(50);
    expect(w.config).toEqual({ dim: 4, maxLength: 50, blocks: 2, heads: 1 });
  });

  it('trains a tiny model whose loss falls, whose scores and ranking agree, and whose weights survive the store', () => {
    const { weights: w, losses } = train(tiny, tinyConfig, 4);
    expect(losses[3]).toBeLessThan(losses[0]);
    expect(w.kind).toBe('sasrec');
    const nItems = tiny.itemOf.length;
    const seq = tiny.sequences[2];
    const history = seq.items.subarray(0, seq.trainLength);
    const scores = sasrec.score(w, 2, history);
    expect(scores).toHaveLength(nItems);
    expect(scores.every(Number.isFinite)).toBe(true);
    const L = sasrec.historyLength(w);
    const memory = history.subarray(Math.max(0, history.length - L));
    const excluded = Int32Array.from([0, 1, 2]);
    const [top] = sasrec.rank(w)(Int32Array.of(2), [memory], [excluded], 5);
    const want = Array.from(scores.keys()).filter((i) => i > 2).sort((a, b) => scores[b] - scores[a] || a - b).slice(0, 5);
    expect(Array.from(top).map((i) => scores[i])).toEqual(want.map((i) => scores[i]));

    const stored = decodeWeights(encodeWeights({ weights: w, itemOf: tiny.itemOf, userOf: tiny.userOf }));
    expect(stored.weights).toEqual(w);
    expect(sasrec.score(stored.weights, 2, history)).toEqual(scores);
    const exported = sasrec.exportJson(w);
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    expect(exported.formula).toMatch(/logit_i = h \. q_i/);
    expect((exported.tensors as Record<string, { shape: number[] }>)['block1.ffn.w2'].shape).toEqual([4, 4]);
  });

  it('attends over at most the last L purchases, with weights summing to 1; scores read nothing older', () => {
    const w = train(tiny, tinyConfig, 1).weights;
    const seq = tiny.sequences[4];
    const a = sasrec.attention(w, 4, seq.items.subarray(0, seq.trainLength), seq.items[seq.trainLength]);
    expect(a.memory.length).toBe(a.attention.length);
    expect(Array.from(a.memory)).toEqual(Array.from(seq.items.subarray(0, seq.trainLength)).slice(-50));
    expect(a.attention.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    // A history longer than L: only its last L purchases count.
    const long = Int32Array.from({ length: 70 }, (_, k) => (k * 7) % tiny.itemOf.length);
    const older = Int32Array.from([...long.subarray(0, 20)].reverse().concat(Array.from(long.subarray(20))));
    expect(sasrec.score(w, 0, older)).toEqual(sasrec.score(w, 0, long));
    expect(sasrec.attention(w, 0, long, 0).memory).toHaveLength(50);
    // No history: every item scores 0 and nothing is attended.
    expect(sasrec.score(w, 0, []).every((x) => x === 0)).toBe(true);
    expect(sasrec.attention(w, 0, [], 1).attention).toHaveLength(0);
  });
});
