// Checks every registered model gets for free: a new kind added to catalog.ts and registry.ts
// is trained on a tiny log, scored, ranked, stored and loaded back here without a line of test.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../engine/backend';
import { decodeWeights, encodeWeights } from '../../store/weights-codec';
import { generateSequentialLog } from '../dataset/synthetic-log';
import { timeOrderedSplit } from '../dataset/split';
import { Rng } from '../random';
import { DEFAULT_CONFIG, effectiveConfig, lossOf, MODEL_KINDS, NUMERIC_SETTINGS, validateConfig } from '../train/config';
import { trainModel } from '../train/trainer';
import { MODEL_CATALOG } from './catalog';
import { settingUse } from './meta';
import { MODELS, modelSpec, REGISTERED_KINDS } from './registry';
import { rumItemForward } from './rum-item/forward';
import { initRumItemParams } from './rum-item/params';
import { rumWeights } from './rum-item/weights';

const tiny = timeOrderedSplit(generateSequentialLog({ users: 25, items: 40, events: 400, seed: 3 }));
const tinyConfig = { ...DEFAULT_CONFIG, dim: 4, slots: 3, epochs: 2, batchSize: 64, validationUsers: 10 };

describe('the model registry', () => {
  // Kinds that train on tfjs (SASRec) need a backend loaded, as the trainer's host loads one.
  beforeAll(async () => {
    await initBackend();
  });

  it('holds exactly the catalogue, in its order, each spec carrying its own meta', () => {
    expect([...REGISTERED_KINDS]).toEqual(MODEL_CATALOG.map((m) => m.kind));
    expect([...MODEL_KINDS]).toEqual(MODEL_CATALOG.map((m) => m.kind));
    for (const meta of MODEL_CATALOG) {
      const spec = MODELS[meta.kind];
      for (const [key, value] of Object.entries(meta)) expect(spec[key as keyof typeof spec], `${meta.kind}.${key}`).toEqual(value);
    }
  });

  it("each kind's settings: fixed ones are laid over what was asked, ignored and used ones stay as asked", () => {
    for (const meta of MODEL_CATALOG) {
      const asked = { ...DEFAULT_CONFIG, model: meta.kind, alpha: 0.37, slots: 7, beta: 3 };
      const eff = effectiveConfig(asked);
      for (const name of NUMERIC_SETTINGS) {
        const use = settingUse(meta, name);
        expect(eff[name], `${meta.kind}.${name}`).toBe(typeof use === 'number' ? use : asked[name]);
      }
      expect(lossOf(meta.kind)).toBe(meta.loss);
    }
    // The baselines as the paper has them (docs/model.md).
    expect(effectiveConfig({ ...DEFAULT_CONFIG, model: 'bpr', alpha: 0.5 })).toMatchObject({ alpha: 0, slots: 0 });
    expect(effectiveConfig({ ...DEFAULT_CONFIG, model: 'fpmc', alpha: 0.5 })).toMatchObject({ alpha: 1, slots: 1 });
  });

  it('gives every kind that explains its step reader, and a latent memory its writes and slot names', () => {
    for (const kind of REGISTERED_KINDS) {
      const spec = modelSpec(kind);
      // explainAt (a logit with parts) or leaveOutAt (without: SASRec), never both.
      expect(spec.explains === (spec.explainAt !== undefined || spec.leaveOutAt !== undefined), kind).toBe(true);
      expect(spec.explainAt !== undefined && spec.leaveOutAt !== undefined, kind).toBe(false);
      if (spec.attends === 'latent') expect([spec.latentWrites, spec.latentSlotItems].every((f) => typeof f === 'function'), kind).toBe(true);
    }
  });

  it('refuses an unknown kind, naming the known ones', () => {
    expect(() => modelSpec('nope')).toThrow(`unknown model kind "nope" (known: ${REGISTERED_KINDS.join(', ')})`);
  });

  it('refuses tfjs gradients for a kind that has none written', () => {
    for (const meta of MODEL_CATALOG) {
      const check = () => validateConfig({ ...DEFAULT_CONFIG, model: meta.kind, gradients: 'tfjs' });
      if (meta.tfjsGradients) expect(check).not.toThrow();
      else expect(check, meta.kind).toThrow(`gradients = tfjs is written for ${MODEL_CATALOG.filter((m) => m.tfjsGradients).map((m) => m.kind).join(', ')} only`);
    }
  });

  for (const kind of REGISTERED_KINDS) {
    describe(kind, () => {
      const spec = modelSpec(kind);

      it('says how it trains: a fit when it has no loss, epochs when it has one, a helper thread or threads fixed', () => {
        expect(spec.fit !== undefined).toBe(spec.loss === null);
        expect(spec.startTraining !== undefined).toBe(spec.loss !== null);
        if (!spec.helperSlices) expect(['unused', 1]).toContain(spec.settings.threads);
      });

      it('trains a tiny model whose scores and ranking agree, and whose weights survive the store', () => {
        const out = trainModel(tiny, { ...tinyConfig, model: kind }, { makeRank: (w) => spec.rank(w) });
        const w = out.weights;
        expect(w.kind).toBe(kind);
        expect(out.epochsRun).toBe(spec.loss === null ? 0 : tinyConfig.epochs);
        const nItems = tiny.itemOf.length;
        const seq = tiny.sequences[2];
        const history = seq.items.subarray(0, seq.trainLength);
        const scores = spec.score(w, 2, history);
        expect(scores).toHaveLength(nItems);
        expect(scores.every(Number.isFinite)).toBe(true);
        // Its top 5 are the 5 best scores among the items not excluded.
        const L = spec.historyLength(w);
        const memory = history.subarray(Math.max(0, history.length - L));
        const excluded = Int32Array.from([0, 1, 2]);
        const [top] = spec.rank(w)(Int32Array.of(2), [memory], [excluded], 5);
        const want = Array.from(scores.keys()).filter((i) => i > 2).sort((a, b) => scores[b] - scores[a] || a - b).slice(0, 5);
        expect(Array.from(top).map((i) => scores[i])).toEqual(want.map((i) => scores[i]));

        const stored = decodeWeights(encodeWeights({ weights: w, itemOf: tiny.itemOf, userOf: tiny.userOf }));
        expect(stored.weights).toEqual(w);
        expect(Array.from(stored.itemOf)).toEqual(Array.from(tiny.itemOf));
        expect(spec.score(stored.weights, 2, history)).toEqual(scores);
        // Its export is plain JSON.
        expect(JSON.parse(JSON.stringify(spec.exportJson(w)))).toEqual(spec.exportJson(w));
      });

      it('attends over at most the memory it reads, with weights summing to 1 when it reads any', () => {
        const w = trainModel(tiny, { ...tinyConfig, model: kind, epochs: 1 }, { makeRank: (x) => spec.rank(x) }).weights;
        const seq = tiny.sequences[4];
        const a = spec.attention(w, 4, seq.items.subarray(0, seq.trainLength), seq.items[seq.trainLength]);
        expect(a.memory.length).toBe(a.attention.length);
        expect(a.memory.length).toBeLessThanOrEqual(spec.historyLength(w));
        if (a.attention.length > 0) expect(a.attention.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
      });
    });
  }

  it('scores and attends through the one forward definition for the RUM family', () => {
    for (const kind of ['rum-item', 'bpr', 'fpmc'] as const) {
      const spec = modelSpec(kind);
      const e = effectiveConfig({ ...DEFAULT_CONFIG, model: kind, dim: 6, slots: 3, alpha: 0.5, beta: 2 });
      const params = initRumItemParams({ dim: e.dim, slots: e.slots, alpha: e.alpha, beta: e.beta }, 3, 12, new Rng(5), 0.7);
      const weights = rumWeights(kind, params);
      const history = [4, 9, -1, 2, 7];
      const scores = spec.score(weights, 1, history);
      for (let i = 0; i < 12; i++) {
        const ref = rumItemForward(params, 1, history, i);
        expect(Math.abs(scores[i] - ref.logit)).toBeLessThan(1e-6);
        const a = spec.attention(weights, 1, history, i);
        expect(Array.from(a.memory)).toEqual(Array.from(ref.memoryItems));
        expect(Array.from(a.attention)).toEqual(Array.from(ref.attention));
      }
    }
  });

  it('MostPopular scores by its counts and has no memory', () => {
    const spec = modelSpec('pop');
    const counts = Float32Array.from([3, 0, 9, 1]);
    const w = { kind: 'pop', config: {}, tensors: { counts: { shape: [4], data: counts } } };
    expect(Array.from(spec.score(w, 0, [2]))).toEqual([3, 0, 9, 1]);
    expect(spec.attention(w, 0, [2], 1).memory).toHaveLength(0);
    expect(spec.explains).toBe(false);
    expect(Array.from(spec.rank(w)(Int32Array.of(0), [Int32Array.of()], [Int32Array.of(2)], 2)[0])).toEqual([0, 3]);
  });
});
