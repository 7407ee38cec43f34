// Feature-level RUM through the same services as item-level: explain, timeline (its writes per
// feature), the app's two timeline calls, and the side-by-side comparison.
import { beforeAll, describe, expect, it } from 'vitest';
import { compareStep } from '../src-main/engine/compare-step';
import { explainUserStep, userTimeline, userTimelineRanks, userTimelineWeights } from '../src-main/engine/explain-service';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { trainJob } from '../src-main/jobs/train/train-job';
import { heatmapSvg } from '../src-main/report/svg';
import { unpackTimeline } from '../src-renderer/lib/timeline-unpack';
import { importDemo } from './demo-model';
import { tmpDb } from './helpers';

let feature: LoadedModel;
let item: LoadedModel;

beforeAll(async () => {
  const { db } = tmpDb();
  const datasetId = await importDemo(db);
  feature = loadModel(db, (await trainJob(db, { datasetId, config: { model: 'rum-feature', slots: 6, dim: 8, epochs: 2, seed: 1 } })).model.modelId);
  item = loadModel(db, (await trainJob(db, { datasetId, config: { slots: 5, dim: 8, epochs: 2, seed: 1 } })).model.modelId);
});

describe('feature-level RUM in the views', () => {
  it('explains a step over its latent features, named, with the identities of item-level explanations', () => {
    const user = feature.userIds[2];
    const ex = explainUserStep(feature, user, { step: 6, top: 3 });
    expect(ex.memoryKind).toBe('latent');
    expect(ex.memory.map((m) => m.item)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6']);
    expect(ex.memory.every((m) => m.step === -1 && m.time === null && /^F\d: /.test(m.title ?? ''))).toBe(true);
    expect(ex.memory.reduce((a, m) => a + m.attention, 0)).toBeCloseTo(1, 12);
    for (const r of ex.recommendations) {
      expect(r.intrinsic + r.memory).toBeCloseTo(r.logit, 10);
      expect(r.slots.reduce((a, s) => a + s.share!, 0)).toBeCloseTo(r.memory, 10);
      expect(r.reason).not.toMatch(/step -1|bought/);
    }
    // Shapley values for the first recommendation, summing to its memory part.
    const first = ex.recommendations[0];
    expect(first.slots.reduce((a, s) => a + s.shapley!, 0)).toBeCloseTo(first.memory, 10);
    // Why not: a candidate gets its gap, with the dot each feature would need.
    const other = feature.itemIds.find((id) => !ex.recommendations.some((r) => r.item === id))!;
    const c = explainUserStep(feature, user, { step: 6, top: 3, item: other }).candidate!;
    expect(c.gap.slots).toHaveLength(6);
  });

  it("gives its timeline as each purchase's writes over the features, the same through the app's two calls", () => {
    const user = feature.userIds[4];
    const tl = userTimeline(feature, user);
    expect(tl.memoryKind).toBe('latent');
    expect(tl.slotNames).toHaveLength(6);
    for (const s of tl.steps) {
      expect(s.attention).toHaveLength(6);
      expect(s.attention.reduce((a, x) => a + x.weight, 0)).toBeCloseTo(1, 12);
      expect(s.attention.every((a) => a.step === -1)).toBe(true);
      expect(s.writes!.added).toHaveLength(6);
      expect(s.pattern).toBe('none');
    }
    expect(unpackTimeline(userTimelineWeights(feature, user), userTimelineRanks(feature, user))).toEqual(tl);
  });

  it("draws the report's heatmap as writes into the features: one cell per step and feature, all inside the plot", () => {
    const tl = userTimeline(feature, feature.userIds[4]);
    const svg = heatmapSvg(tl);
    expect(svg).toContain('Writes of each purchase into the latent features');
    expect(svg.match(/wrote into F\d/g)).toHaveLength(tl.steps.length * 6);
    const ys = [...svg.matchAll(/<rect x="[^"]+" y="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
  });

  it('sets beside item-level RUM, saying its attention is over latent features', () => {
    const c = compareStep(item, feature, item.userIds[1]);
    expect(c.b.attends).toBe('latent');
    expect(c.b.note).toMatch(/latent memory slots/);
    expect(c.b.attention!.every((a) => a.step === null)).toBe(true);
    expect(c.a.attention!.every((a) => a.step !== null && a.step < c.step)).toBe(true);
  });
});
