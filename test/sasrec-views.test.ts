// SASRec through the explanation views (issue 12 item 3): its attention over the purchases it reads
// at a step, each purchase left out and the model run again, in explain, timeline, compare and the
// report. Every number is checked against the spec's own score() of an edited history, computed
// here: the leave-one-out logits, their ranks and the ranks of the timeline.
import { beforeAll, describe, expect, it } from 'vitest';
import { modelSpec } from '../src-main/core/model/registry';
import { compareStep } from '../src-main/engine/compare-step';
import { modelAttentionTrust } from '../src-main/engine/attention-trust';
import { explainUserStep, userTimeline, userTimelineRanks, userTimelineWeights } from '../src-main/engine/explain-service';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { trainJob } from '../src-main/jobs/train/train-job';
import { buildReportData } from '../src-main/report/report-data';
import { renderHtml } from '../src-main/report/html';
import { unpackTimeline } from '../src-renderer/lib/timeline-unpack';
import { importDemo } from './demo-model';
import { tmpDb } from './helpers';

let sas: LoadedModel;
let item: LoadedModel;

beforeAll(async () => {
  const { db } = tmpDb();
  const datasetId = await importDemo(db);
  sas = loadModel(db, (await trainJob(db, { datasetId, config: { model: 'sasrec', dim: 8, epochs: 2, seed: 1 } })).model.modelId);
  item = loadModel(db, (await trainJob(db, { datasetId, config: { slots: 5, dim: 8, epochs: 2, seed: 1 } })).model.modelId);
}, 120_000);

/** Rank of `i` by `scores` among items not bought before the step: 1 + how many score higher (ties: lower index first, docs/protocol.md). */
function rankBy(scores: ArrayLike<number>, i: number, bought: Set<number>): number {
  let r = 1;
  for (let j = 0; j < scores.length; j++) if (j !== i && !bought.has(j) && (scores[j] > scores[i] || (scores[j] === scores[i] && j < i))) r++;
  return r;
}

describe('SASRec in the explanation views', () => {
  it('explains a step by its attention and by leaving each purchase out, with numbers from its own score()', () => {
    const spec = modelSpec('sasrec');
    const w = sas.arrays.weights;
    const user = sas.userIds[3];
    const u = sas.modelUserOf(user);
    const seq = sas.split.sequences[u];
    const step = Math.min(8, seq.items.length);
    const ex = explainUserStep(sas, user, { step, top: 4 });
    expect(ex.additive).toBe(false);
    expect(ex.memoryKind).toBe('purchases');
    // The purchases read: the last (up to 50) before the step, oldest first, with their steps.
    expect(ex.memory.map((m) => m.step)).toEqual(Array.from({ length: step }, (_, k) => k));
    expect(ex.memory.map((m) => m.item)).toEqual(Array.from(seq.items.subarray(0, step), (i) => sas.itemIds[i]));
    expect(ex.memory.reduce((a, m) => a + m.attention, 0)).toBeCloseTo(1, 12);
    const history = seq.items.subarray(0, step);
    const scores = spec.score(w, u, history);
    const bought = new Set(history);
    for (const r of ex.recommendations) {
      const i = sas.itemIds.indexOf(r.item);
      expect(r.additive).toBe(false);
      expect(r.logit).toBe(scores[i]);
      expect(r.rank).toBe(rankBy(scores, i, bought));
      expect(r.intrinsic).toBe(0);
      expect(r.memory).toBe(r.logit);
      expect(r.shapleyNote).toMatch(/does not split over its purchases/);
      // Its attention is the same for every item: the last position's, before any item is scored.
      expect(r.slots.map((s) => s.attention)).toEqual(ex.memory.map((m) => m.attention));
      r.slots.forEach((s, k) => {
        expect(s.share).toBeNull();
        expect(s.shapley).toBeNull();
        const edited = Int32Array.from([...history.subarray(0, k), ...history.subarray(k + 1)]);
        const without = spec.score(w, u, edited);
        expect(s.withoutSlotLogit).toBe(without[i]);
        expect(s.withoutSlotRank).toBe(rankBy(without, i, bought));
      });
      // The reason names the purchase whose leaving out costs the most logit, when one costs any.
      const lost = r.slots.map((s) => r.logit - s.withoutSlotLogit);
      const k = lost.indexOf(Math.max(...lost));
      if (lost[k] > 0) expect(r.reason).toContain(`Mostly because of ${sas.titles[sas.itemIds.indexOf(r.slots[k].item)] ?? r.slots[k].item}`);
    }
    // Why not: the gap only, no dot per slot to move.
    const other = sas.itemIds.find((id) => !ex.recommendations.some((r) => r.item === id) && !bought.has(sas.itemIds.indexOf(id)))!;
    const c = explainUserStep(sas, user, { step, top: 4, item: other }).candidate!;
    expect(c.gap.gap).toBeCloseTo(ex.recommendations[3].logit - c.logit, 12);
    expect(c.gap.slots).toEqual([]);
  });

  it('gives a timeline of its attention over the purchases read, the same through the app\u2019s two calls, ranks from score()', () => {
    const spec = modelSpec('sasrec');
    const w = sas.arrays.weights;
    const user = sas.userIds[5];
    const u = sas.modelUserOf(user);
    const seq = sas.split.sequences[u];
    const tl = userTimeline(sas, user);
    expect(tl.memoryKind).toBe('purchases');
    tl.steps.forEach((s, t) => {
      expect(s.attention).toHaveLength(Math.min(t, 50));
      if (t > 0) expect(s.attention.reduce((a, x) => a + x.weight, 0)).toBeCloseTo(1, 12);
      expect(s.attention.map((a) => a.step)).toEqual(Array.from({ length: Math.min(t, 50) }, (_, k) => t - Math.min(t, 50) + k));
      const history = seq.items.subarray(0, t);
      expect(s.rank).toBe(rankBy(spec.score(w, u, history), seq.items[t], new Set(history)));
    });
    expect(unpackTimeline(userTimelineWeights(sas, user), userTimelineRanks(sas, user))).toEqual(tl);
  });

  it('sets beside item-level RUM: its differing items carry attention but no Shapley values', () => {
    const c = compareStep(item, sas, item.userIds[1]);
    expect(c.b.attends).toBe('purchases');
    expect(c.b.attention!.every((a) => a.step !== null && a.step < c.step)).toBe(true);
    for (const d of c.b.differing) if (d.slots) expect(d.slots.every((s) => s.shapley === null)).toBe(true);
  });

  it('reports a user, saying what each purchase left out costs, and says why no attention trust is measured', async () => {
    const html = renderHtml(buildReportData(sas, sas.userIds[2], { steps: 'all' }));
    expect(html).toContain('logit lost without it');
    expect(html).toContain('does not split over its purchases');
    const trust = await modelAttentionTrust(sas);
    expect(trust.top1Agreement).toBeNull();
    expect(trust.note).toMatch(/no exact Shapley values/);
  });
});
