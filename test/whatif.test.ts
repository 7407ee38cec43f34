// What-if on a history (issue 14 items 1-2) on a trained demo model: the edited explanation's
// numbers are the model's on the edited history, recomputed here independently (scoreAllItems on
// the edited memory, ranks counted by hand); removing, inserting and moving purchases; the
// minimal counterfactual; the refusals.
import { beforeAll, describe, expect, it } from 'vitest';
import { editHistory, type HistoryEdit } from '../src-main/core/explain/edit-history';
import { memoryBefore } from '../src-main/core/model/memory';
import { scoreAllItems } from '../src-main/core/model/rum-item/score';
import { rumParams } from '../src-main/core/model/rum-item/weights';
import { explainUserStep } from '../src-main/engine/explain-service';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { whatIf, type WhatIfEdit } from '../src-main/engine/whatif';
import { trainJob } from '../src-main/jobs/train/train-job';
import { importDemo } from './demo-model';
import { tmpDb } from './helpers';

let model: LoadedModel;
let pop: LoadedModel;

beforeAll(async () => {
  const { db } = tmpDb();
  const datasetId = await importDemo(db);
  model = loadModel(db, (await trainJob(db, { datasetId, config: { slots: 5, dim: 8, epochs: 6, seed: 1 } })).model.modelId);
  pop = loadModel(db, (await trainJob(db, { datasetId, config: { model: 'pop' } })).model.modelId);
}, 120_000);

/** The top `n` of the model after `history` by an independent full scoring, and every item's rank. */
function independent(history: number[], u: number) {
  const p = rumParams(model.arrays.weights);
  const scores = scoreAllItems(p, u, memoryBefore(Int32Array.from(history), history.length, p.config.slots));
  const bought = new Set(history);
  const rank = (i: number) => {
    let r = 1;
    for (let j = 0; j < scores.length; j++) if (j !== i && !bought.has(j) && (scores[j] > scores[i] || (scores[j] === scores[i] && j < i))) r++;
    return r;
  };
  return { scores, rank };
}

describe('what-if', () => {
  const user = () => model.userIds[7];

  it('with no edit, gives the explanation at the step twice and no rank moves', () => {
    const r = whatIf(model, user(), { step: 8, edits: [] });
    expect(r.after.recommendations).toEqual(r.before.recommendations);
    expect(r.before).toEqual(explainUserStep(model, user(), { step: 8, top: 5, shapleyFor: 1 }));
    for (const m of r.moves) expect(m.rankAfter).toBe(m.rankBefore);
  });

  for (const [name, edits, edit] of [
    ['removing two purchases', [{ remove: 7 }, { remove: 3 }], (h: number[]) => h.filter((_, t) => t !== 7 && t !== 3)],
    ['moving one to the end', [{ move: 2, to: 8 }], (h: number[]) => [...h.slice(0, 2), ...h.slice(3), h[2]]],
  ] as const) {
    it(`re-reads the memory after ${name}: logits and ranks as an independent scoring of the edited history`, () => {
      const u = model.modelUserOf(user());
      const seq = model.split.sequences[u];
      const history = Array.from(seq.items.subarray(0, 8));
      const r = whatIf(model, user(), { step: 8, edits: [...edits] });
      const want = independent(edit(history), u);
      expect(r.after.step).toBe(edit(history).length);
      expect(r.after.memory.map((m) => m.item)).toEqual(edit(history).slice(-5).map((i) => model.itemIds[i]));
      for (const rec of r.after.recommendations) {
        const i = model.itemIds.indexOf(rec.item);
        expect(rec.logit).toBeCloseTo(want.scores[i], 5);
        expect(rec.rank).toBe(want.rank(i));
      }
      const before = independent(history, u);
      for (const m of r.moves) {
        const i = model.itemIds.indexOf(m.item);
        expect(m.rankBefore).toBe(before.rank(i));
        expect(m.rankAfter).toBe(want.rank(i));
        expect(m.boughtBefore).toBe(history.includes(i));
        expect(m.boughtAfter).toBe(edit(history).includes(i));
      }
      // The purchase made at the step is the same one.
      expect(r.after.purchased).toEqual(r.before.purchased);
    });
  }

  it('inserts an item by id at a position, its purchase then in the memory', () => {
    const u = model.modelUserOf(user());
    const seq = model.split.sequences[u];
    const history = Array.from(seq.items.subarray(0, 8));
    const item = model.itemIds.find((_, i) => !history.includes(i))!;
    const r = whatIf(model, user(), { step: 8, edits: [{ insert: item, at: 8 }] });
    expect(r.after.memory[r.after.memory.length - 1].item).toBe(item);
    const want = independent([...history, model.itemIds.indexOf(item)], u);
    for (const rec of r.after.recommendations) expect(rec.rank).toBe(want.rank(model.itemIds.indexOf(rec.item)));
  });

  it('finds the smallest set of memory purchases whose removal takes a recommendation out of the top N: removing them in a what-if does, no smaller set does', () => {
    const K = 5;
    const subsets = (size: number, from = 0): number[][] => (size === 0 ? [[]] : Array.from({ length: K - from }, (_, k) => from + k).flatMap((k) => subsets(size - 1, k + 1).map((s) => [k, ...s])));
    const rankWith = (step: number, remove: number[], item: string) => whatIf(model, user(), { step, edits: remove.map((s) => ({ remove: s })), top: 5 }).moves.find((m) => m.item === item)!;
    let shown = 0;
    for (const step of [6, 8, 10, 12]) {
      const base = whatIf(model, user(), { step, edits: [] });
      for (const rec of base.after.recommendations) {
        const m = whatIf(model, user(), { step, edits: [], minimal: rec.item }).minimal!;
        expect(m.method).toMatch(/smallest first/);
        const size = m.purchases?.length ?? m.maxSize + 1;
        // Every smaller set of the memory's purchases, removed by the what-if itself, leaves it in.
        for (let s = 1; s < size; s++) for (const set of subsets(s)) expect(rankWith(step, set.map((k) => step - K + k), rec.item).rankAfter).toBeLessThanOrEqual(5);
        if (m.purchases === null) continue;
        shown++;
        // With no earlier edit, the purchases' steps are the real ones.
        for (const p of m.purchases) expect(p.realStep).toBe(p.step);
        const out = rankWith(step, m.purchases.map((p) => p.realStep!), rec.item);
        expect(out.rankAfter).toBe(m.rankWithout);
        expect(out.rankAfter).toBeGreaterThan(5);
      }
    }
    expect(shown).toBeGreaterThan(0);
  });

  it('names the real steps of the smallest removal after earlier edits, and removing them there takes the item out', () => {
    let checked = 0;
    for (const step of [8, 10, 12]) {
      // An earlier edit shifts the edited history's steps: one purchase removed, one item inserted first.
      const edits: WhatIfEdit[] = [{ remove: step - 6 }, { insert: model.itemIds[0], at: 0 }];
      const base = whatIf(model, user(), { step, edits });
      for (const rec of base.after.recommendations) {
        const m = whatIf(model, user(), { step, edits, minimal: rec.item }).minimal!;
        if (m.purchases === null || m.purchases.some((p) => p.realStep === null)) continue;
        checked++;
        // The history with those purchases removed too, scored independently.
        const seq = model.split.sequences[model.modelUserOf(user())];
        const all: HistoryEdit[] = [...edits.map((e) => ('insert' in e ? { insert: 0, at: e.at } : e)), ...m.purchases.map((p) => ({ remove: p.realStep! }))];
        const h = editHistory(seq.items, seq.times, step, all, model.itemIds.length);
        const rank = independent(Array.from(h.items.subarray(0, h.step)), model.modelUserOf(user())).rank(model.itemIds.indexOf(rec.item));
        expect(rank).toBe(m.rankWithout);
        expect(rank).toBeGreaterThan(5);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('refuses bad edits, an unknown item, a minimal item outside the top N and a kind without memory', () => {
    expect(() => whatIf(model, user(), { step: 8, edits: [{ remove: 8 }] })).toThrow('--remove 8: step 8 is not a purchase before step 8');
    expect(() => whatIf(model, user(), { step: 8, edits: [{ insert: 'no-such', at: 0 }] })).toThrow('item "no-such" is not in model');
    const base = whatIf(model, user(), { step: 8, edits: [], top: 5 });
    const outside = model.itemIds.find((id) => !base.moves.some((m) => m.item === id) && !base.before.memory.some((m) => m.item === id))!;
    expect(() => whatIf(model, user(), { step: 8, edits: [], minimal: outside })).toThrow('not in the top 5');
    expect(() => whatIf(pop, pop.userIds[0], { step: 5, edits: [] })).toThrow('has no memory or attention to explain');
  });
});
