import { beforeAll, describe, expect, it } from 'vitest';
import { rumParams } from '../src-main/core/model/rum-item/weights';
import { explainUserStep, userTimeline, userTimelineRanks, userTimelineWeights } from '../src-main/engine/explain-service';
import { unpackTimeline } from '../src-renderer/lib/timeline-unpack';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { trainJob } from '../src-main/jobs/train/train-job';
import { demoTruth, importDemo } from './demo-model';
import { tmpDb } from './helpers';

let model: LoadedModel;

beforeAll(async () => {
  const { db } = tmpDb();
  const datasetId = await importDemo(db);
  const { model: rec } = await trainJob(db, { datasetId, config: { slots: 5, seed: 1 } });
  model = loadModel(db, rec.modelId);
});

/** Independent scoring straight from the weights: no workbench code beyond reading the arrays. */
function independentLogit(user: string, memoryItems: string[], item: string): number {
  const w = model.arrays.weights;
  const params = rumParams(w);
  const { dim, alpha, beta } = params.config;
  const row = (t: Float32Array, r: number) => Array.from(t.subarray(r * dim, (r + 1) * dim));
  const q = row(params.item, model.itemIds.indexOf(item));
  const p = row(params.user, model.userIds.indexOf(user));
  const dot = (a: number[], b: number[]) => a.reduce((s, x, d) => s + x * b[d], 0);
  const ws = memoryItems.map((m) => dot(q, row(params.item, model.itemIds.indexOf(m))));
  if (ws.length === 0) return dot(p, q);
  const e = ws.map((x) => Math.exp(beta * x));
  const sum = e.reduce((a, b) => a + b, 0);
  return dot(p, q) + alpha * ws.reduce((s, x, k) => s + (e[k] / sum) * x, 0);
}

function independentRank(user: string, memoryItems: string[], item: string, bought: Set<string>): number {
  const mine = independentLogit(user, memoryItems, item);
  let rank = 1;
  model.itemIds.forEach((other, j) => {
    if (other === item || bought.has(other)) return;
    const l = independentLogit(user, memoryItems, other);
    if (l > mine || (l === mine && j < model.itemIds.indexOf(item))) rank++;
  });
  return rank;
}

describe('explanations of a model trained on the demo dataset', () => {
  it('satisfy the identities and every counterfactual equals a from-scratch re-score', () => {
    const users = model.userIds.slice(0, 6);
    let checked = 0;
    for (const user of users) {
      const seq = model.split.sequences[model.modelUserOf(user)];
      for (const step of [0, 1, 3, seq.trainLength, seq.items.length]) {
        const ex = explainUserStep(model, user, { step, top: 5 });
        const memoryItems = ex.memory.map((m) => m.item);
        const bought = new Set(Array.from(seq.items.subarray(0, step), (i) => model.itemIds[i]));
        if (ex.memory.length) expect(ex.memory.reduce((s, m) => s + m.attention, 0)).toBeCloseTo(1, 12);
        for (const r of ex.recommendations) {
          expect(bought.has(r.item)).toBe(false); // never recommends what was bought before the step
          expect(r.intrinsic + r.memory).toBeCloseTo(r.logit, 10);
          expect(r.slots.reduce((s, k) => s + k.share!, 0)).toBeCloseTo(r.memory, 10);
          expect(r.logit).toBeCloseTo(independentLogit(user, memoryItems, r.item), 5);
          if (r.slots.length) expect(r.slots.reduce((s, k) => s + k.attention, 0)).toBeCloseTo(1, 12);
          for (const s of r.slots) {
            const rest = memoryItems.filter((_, k) => k !== s.slot);
            expect(s.withoutSlotLogit).toBeCloseTo(independentLogit(user, rest, r.item), 5);
            checked++;
          }
        }
        const logits = ex.recommendations.map((r) => r.logit);
        expect(logits).toEqual([...logits].sort((a, b) => b - a));
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('computes the rank without a slot exactly as a brute-force re-ranking does', () => {
    const user = model.userIds[3];
    const seq = model.split.sequences[model.modelUserOf(user)];
    const ex = explainUserStep(model, user, { step: seq.trainLength, top: 3 });
    const bought = new Set(Array.from(seq.items.subarray(0, seq.trainLength), (i) => model.itemIds[i]));
    const memoryItems = ex.memory.map((m) => m.item);
    for (const r of ex.recommendations) {
      expect(r.rank).toBe(independentRank(user, memoryItems, r.item, bought));
      for (const s of r.slots) {
        expect(s.withoutSlotRank).toBe(independentRank(user, memoryItems.filter((_, k) => k !== s.slot), r.item, bought));
      }
    }
  });

  it('answers "why not X?" for any item, bought or not', () => {
    const user = model.userIds[0];
    const seq = model.split.sequences[0];
    const bought = new Set(Array.from(seq.items.subarray(0, seq.trainLength), (i) => model.itemIds[i]));
    const recommended = new Set(explainUserStep(model, user).recommendations.map((r) => r.item));
    const notRecommended = model.itemIds.find((id) => !recommended.has(id) && !bought.has(id))!;
    const ex = explainUserStep(model, user, { item: notRecommended });
    expect(ex.candidate!.item).toBe(notRecommended);
    expect(ex.candidate!.rank).toBeGreaterThan(5);
    expect(ex.candidate!.reason.length).toBeGreaterThan(20);
    const boughtItem = model.itemIds[seq.items[0]];
    expect(explainUserStep(model, user, { item: boughtItem }).candidate!.alreadyBought).toBe(true);
    expect(() => explainUserStep(model, user, { item: 'no-such-item' })).toThrow(/not in model/);
    expect(() => explainUserStep(model, 'nobody')).toThrow(/not in model/);
    expect(() => explainUserStep(model, user, { step: 10_000 })).toThrow(/--step must be between/);
  });

  it('finds the planted trigger: top attention and pattern labels at the planted steps', () => {
    const planted = demoTruth().planted;
    let onTrigger = 0;
    let labelled = 0;
    let total = 0;
    const byUser = new Map<string, typeof planted>();
    for (const p of planted) (byUser.get(p.user) ?? byUser.set(p.user, []).get(p.user)!).push(p);
    for (const [user, records] of byUser) {
      if (model.modelUserOf(user) < 0) continue;
      const tl = userTimeline(model, user);
      for (const p of records) {
        const s = tl.steps[p.step];
        expect(s.item).toBe(p.item);
        if (!s.attention.some((a) => a.step === p.triggerStep)) continue; // trigger out of the K = 5 memory
        total++;
        const top = s.attention.reduce((a, b) => (b.weight > a.weight ? b : a));
        if (top.step === p.triggerStep) onTrigger++;
        if (s.pattern === p.kind && s.trigger === p.triggerStep) labelled++;
      }
    }
    console.log(
      `planted steps: trigger has the top attention in ${((100 * onTrigger) / total).toFixed(1)} %, pattern labelled right in ${((100 * labelled) / total).toFixed(1)} % (of ${total})`,
    );
    expect(total).toBeGreaterThan(1000);
    expect(onTrigger / total).toBeGreaterThan(0.9);
    expect(labelled / total).toBeGreaterThan(0.9);
  });

  it("gives the app's two timeline calls (weights, then ranks) the timeline call's answer, put back together", () => {
    for (const user of model.userIds.slice(0, 4)) {
      const whole = userTimeline(model, user);
      const weights = userTimelineWeights(model, user);
      expect(unpackTimeline(weights)).toEqual(userTimeline(model, user, undefined, { ranks: false }));
      expect(unpackTimeline(weights, userTimelineRanks(model, user))).toEqual(whole);
      // The weights part is much smaller than the whole answer: what the first draw waits for.
      expect(JSON.stringify(weights).length).toBeLessThan(0.6 * JSON.stringify(whole).length);
      // Ranks of another user are not laid over this one.
      expect(unpackTimeline(weights, userTimelineRanks(model, model.userIds[10])).steps[0].rank).toBeUndefined();
    }
  });
});
