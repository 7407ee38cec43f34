// Slices of a trained model's users (issue 14 item 4) on the demo: every user in exactly one
// slice, each slice's metrics the mean of its users' own figures (so the slices' means weighted by
// their test users give the model's own evaluation back), hit/miss slices at HR 1 and 0, and the
// attention trust measured over each slice's own steps.
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateModel } from '../src-main/engine/evaluate-model';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { modelSlices } from '../src-main/engine/slices';
import { trainJob } from '../src-main/jobs/train/train-job';
import { importDemo } from './demo-model';
import { tmpDb } from './helpers';

let model: LoadedModel;

beforeAll(async () => {
  const { db } = tmpDb();
  const datasetId = await importDemo(db);
  model = loadModel(db, (await trainJob(db, { datasetId, config: { slots: 5, dim: 8, epochs: 3, seed: 1 } })).model.modelId);
}, 60_000);

describe('slices of a model', () => {
  it('puts every user in one slice, and the slices\u2019 weighted means are the model\u2019s own test metrics', async () => {
    const whole = (await evaluateModel(model, 5)).metrics;
    for (const by of ['length', 'first-date', 'hit'] as const) {
      const s = await modelSlices(model, { by, trustSteps: 40 });
      expect(s.slices.reduce((a, x) => a + x.users, 0)).toBe(model.split.sequences.length);
      const tested = s.slices.reduce((a, x) => a + x.testUsers, 0);
      for (const key of ['precision', 'recall', 'f1', 'hr', 'ndcg'] as const) {
        const weighted = s.slices.reduce((a, x) => a + (x.metrics ? x.metrics[key] * x.testUsers : 0), 0) / tested;
        expect(weighted, `${by} ${key}`).toBeCloseTo(whole[key], 12);
      }
    }
  });

  it('splits by hit into HR 1 and HR 0, with standard errors of 0 there', async () => {
    const s = await modelSlices(model, { by: 'hit', trustSteps: 40 });
    const [hit, miss] = s.slices;
    expect(hit.metrics!.hr).toBe(1);
    expect(miss.metrics!.hr).toBe(0);
    expect(hit.standardError!.hr).toBe(0);
    expect(hit.metrics!.ndcg).toBeGreaterThan(0);
  });

  it('measures attention trust over each slice\u2019s own steps, sampled to the asked count', async () => {
    const s = await modelSlices(model, { by: 'length', bins: 2, trustSteps: 50 });
    expect(s.slices).toHaveLength(2);
    for (const x of s.slices) {
      expect(x.trust.steps).toBeLessThanOrEqual(50);
      expect(x.trust.top1Agreement).toBeGreaterThanOrEqual(0);
      expect(x.trust.top1Agreement).toBeLessThanOrEqual(1);
    }
    // Longer timelines have more steps to compare.
    expect(s.slices[1].trust.eligibleSteps).toBeGreaterThan(s.slices[0].trust.eligibleSteps);
  });

  it('gives each slice its own strongest influences, from its own users only', async () => {
    const s = await modelSlices(model, { by: 'length', bins: 2, trustSteps: 10, influenceBudgetMs: 60_000 });
    for (const x of s.slices) {
      expect(x.influences.note).toBeNull();
      expect(x.influences.pairs.length).toBeGreaterThan(0);
      expect(x.influences.pairs.length).toBeLessThanOrEqual(5);
      expect(x.influences.users).toBeLessThanOrEqual(x.users);
      // Strongest first.
      const w = x.influences.pairs.map((p) => p.weight);
      expect(w).toEqual([...w].sort((a, b) => b - a));
    }
    // Each pair was seen in a user of its slice: \`to\` bought with \`from\` earlier in the timeline.
    const slices = await import('../src-main/core/eval/slices');
    const facts = model.split.sequences.map((q) => ({ user: q.user, length: q.items.length, firstTime: q.times[0], trainItems: q.items, hit: null }));
    const groups = slices.sliceUsers(facts, { by: 'length', bins: 2 });
    s.slices.forEach((x, g) => {
      for (const p of x.influences.pairs) {
        const from = model.itemIds.indexOf(p.from);
        const to = model.itemIds.indexOf(p.to);
        const seen = groups[g].users.some((u) => {
          const items = Array.from(model.split.sequences[u].items);
          const t = items.lastIndexOf(to);
          return t > 0 && items.slice(0, t).includes(from);
        });
        expect(seen, `${p.from} -> ${p.to}`).toBe(true);
      }
    });
  });

  it('slices by an item in the training part, and refuses an unknown item or a bad rule', async () => {
    const seq = model.split.sequences[0];
    const id = model.itemIds[seq.items[0]];
    const s = await modelSlices(model, { by: 'item', item: id, trustSteps: 20 });
    expect(s.slices[0].name).toContain(id);
    const withItem = model.split.sequences.filter((q) => q.items.subarray(0, q.trainLength).includes(seq.items[0])).length;
    expect(s.slices[0].users).toBe(withItem);
    await expect(modelSlices(model, { by: 'item', item: 'no-such-item' })).rejects.toThrow('item "no-such-item" is not in model');
    await expect(modelSlices(model, { by: 'item' })).rejects.toThrow('--by item needs --item');
    await expect(modelSlices(model, { by: 'length', bins: 0 })).rejects.toThrow('--bins must be');
  });
});
