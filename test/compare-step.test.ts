import { beforeAll, describe, expect, it } from 'vitest';
import { compareStep } from '../src-main/engine/compare-step';
import { explainUserStep } from '../src-main/engine/explain-service';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { trainJob } from '../src-main/jobs/train/train-job';
import { importDemo } from './demo-model';
import { tmpDb } from './helpers';

let rum: LoadedModel;
let pop: LoadedModel;
let fpmc: LoadedModel;

beforeAll(async () => {
  const { db } = tmpDb();
  const datasetId = await importDemo(db);
  const load = async (config: Record<string, unknown>) => loadModel(db, (await trainJob(db, { datasetId, config: { epochs: 3, seed: 1, ...config } })).model.modelId);
  rum = await load({ slots: 5 });
  pop = await load({ model: 'pop' });
  fpmc = await load({ model: 'fpmc' });
});

describe('compareStep', () => {
  it("gives each model's own top N, splits them into shared and own items, and explains the differing ones", () => {
    let differed = 0;
    for (const user of rum.userIds.slice(0, 8)) {
      const c = compareStep(rum, pop, user);
      const ex = explainUserStep(rum, user, { top: 5 });
      expect(c.step).toBe(ex.step);
      expect(c.a.top.map((r) => r.item)).toEqual(ex.recommendations.map((r) => r.item));
      c.a.top.forEach((r, k) => {
        expect(r.rank).toBe(k + 1);
        expect(r.logit).toBeCloseTo(ex.recommendations[k].logit, 5);
      });
      expect(new Set([...c.both, ...c.onlyA])).toEqual(new Set(c.a.top.map((r) => r.item)));
      expect(new Set([...c.both, ...c.onlyB])).toEqual(new Set(c.b.top.map((r) => r.item)));
      expect(c.onlyA.filter((i) => c.onlyB.includes(i))).toEqual([]);
      // Each differing item, as RUM sees it: its rank there and its exact Shapley values.
      for (const v of c.a.differing) {
        const cand = explainUserStep(rum, user, { step: c.step, top: 1, item: v.item }).candidate!;
        expect(v.rank).toBe(cand.rank);
        expect(v.slots!.reduce((s, k) => s + k.shapley!, 0)).toBeCloseTo(v.memory!, 10);
        expect(v.intrinsic! + v.memory!).toBeCloseTo(v.logit, 5);
        differed++;
      }
      // MostPopular says it has nothing to show, rather than showing nothing silently.
      expect(c.b.attention).toBeNull();
      expect(c.b.note).toMatch(/MostPopular has no memory/);
      expect(c.b.differing.every((v) => v.slots === null && v.rank >= 1)).toBe(true);
      // RUM's attention is over the purchases just before the step, oldest first.
      expect(c.a.attention!.map((s) => s.step)).toEqual(ex.memory.map((m) => m.step));
    }
    expect(differed).toBeGreaterThan(0);
  });

  it('shows FPMC its one-purchase memory, and a model against itself differs nowhere', () => {
    const user = rum.userIds[3];
    const c = compareStep(rum, fpmc, user, { step: 6, top: 3 });
    expect(c.b.attention).toHaveLength(1);
    expect(c.b.attention![0]).toMatchObject({ step: 5, weight: 1 });
    const same = compareStep(rum, rum, user, { step: 6 });
    expect(same.onlyA).toEqual([]);
    expect(same.onlyB).toEqual([]);
    expect(same.both).toHaveLength(5);
  });

  it('refuses a step outside the timeline and a user a model lacks', () => {
    expect(() => compareStep(rum, pop, rum.userIds[0], { step: 10_000 })).toThrow(/step must be between 0 and/);
    expect(() => compareStep(rum, pop, 'nobody')).toThrow(/user "nobody" is not in model/);
  });
});
