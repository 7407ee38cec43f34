// What-if against the log written with the edit and imported separately (issue 14, "done
// means"): the demo CSV is rewritten on disk (a purchase left out, an item inserted, a purchase
// moved) and imported as a second dataset by the real import; that user's timeline, re-sorted and
// split by the real code, is mapped to the first model's items by id and explained by
// explainUserStep with the SAME weights (a second model trained on the edited log would have
// other weights, and no import-model exists to load the first one's into it). The what-if's
// `after` must equal that explanation number for number, but for `trainLength` and `part`: the
// re-imported log is split 70/30 over its own count of purchases. Every rank move is checked
// against the kind's own scorer (ModelSpec.score) on the re-imported history.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeOrderedSplit } from '../src-main/core/dataset/split';
import { modelSpec } from '../src-main/core/model/registry';
import { explainUserStep, type ExplainJson } from '../src-main/engine/explain-service';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { whatIf, type WhatIfEdit } from '../src-main/engine/whatif';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { trainJob } from '../src-main/jobs/train/train-job';
import { itemRecords, loadInteractions, userIds } from '../src-main/store/datasets';
import { openDb, type Db } from '../src-main/store/db';
import { DEMO, importDemo } from './demo-model';

const K = 4;
let db: Db;
let model: LoadedModel;
const header = readFileSync(join(DEMO, 'purchases.csv'), 'utf8').trim().split('\n')[0];
const lines = readFileSync(join(DEMO, 'purchases.csv'), 'utf8').trim().split('\n').slice(1);

// One store for the whole file (the helpers' tmpDb closes after each test): the model, then each re-import.
const dir = mkdtempSync(join(tmpdir(), 'rum-whatif-reimport-'));
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  db = openDb(join(dir, 'store.db'));
  const datasetId = await importDemo(db);
  model = loadModel(db, (await trainJob(db, { datasetId, config: { slots: K, dim: 8, epochs: 3, seed: 1 } })).model.modelId);
}, 120_000);

/** One user's rows of the file in step order (time, then file order), as line numbers of `lines`. */
function stepLines(user: string): number[] {
  const rows = lines.map((l, k) => ({ k, f: l.split(',') })).filter((r) => r.f[0] === user);
  return rows.sort((a, b) => Number(a.f[3]) - Number(b.f[3]) || a.k - b.k).map((r) => r.k);
}

/** The file with `edit` applied to its lines (a list of lines, changed in place), imported as its own dataset. */
async function reimport(name: string, edit: (ls: string[]) => void): Promise<number> {
  const ls = lines.slice();
  edit(ls);
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, [header, ...ls].join('\n') + '\n');
  return (await importDataset(db, { file, itemsFile: join(DEMO, 'items.csv') })).datasetId;
}

/**
 * The first model with `user`'s timeline replaced by the one the re-imported dataset gives (its
 * items mapped to the model's by id): the same weights reading the edited log.
 */
function readingReimport(datasetId: number, user: string): { hybrid: LoadedModel; history: Int32Array } {
  const split = timeOrderedSplit(loadInteractions(db, datasetId), model.split.options);
  const users = userIds(db, datasetId);
  const ids = itemRecords(db, datasetId).ids;
  const seq = split.sequences.find((s) => users[s.datasetUser] === user)!;
  const items = Int32Array.from(seq.items, (i) => {
    const k = model.itemIds.indexOf(ids[split.itemOf[i]]);
    expect(k).toBeGreaterThanOrEqual(0);
    return k;
  });
  const u = model.modelUserOf(user);
  const sequences = model.split.sequences.map((s, k) => (k === u ? { ...s, items, times: seq.times, trainLength: seq.trainLength } : s));
  return { hybrid: { ...model, split: { ...model.split, sequences } }, history: items };
}

const numbers = (ex: ExplainJson) => {
  const { trainLength: _t, part: _p, ...rest } = ex;
  return rest;
};

/** The item's rank by the kind's own scorer after `history` (the last K read), among items not in it. */
function scoredRank(u: number, history: Int32Array, id: string): number {
  const logit = modelSpec(model.record.kind).score(model.arrays.weights, u, history);
  const i = model.itemIds.indexOf(id);
  const bought = new Set(history);
  let r = 1;
  for (let j = 0; j < logit.length; j++) if (j !== i && !bought.has(j) && (logit[j] > logit[i] || (logit[j] === logit[i] && j < i))) r++;
  return r;
}

describe('what-if against a re-imported log', () => {
  const T = 12;
  // A user with a history long enough that older purchases move into the memory.
  const pick = () => model.userIds.find((id) => model.split.sequences[model.modelUserOf(id)].items.length > T + 2)!;

  async function check(name: string, edits: WhatIfEdit[], edit: (ls: string[], steps: number[], user: string) => void, stepAfter: number) {
    const user = pick();
    const steps = stepLines(user);
    // The file's order is the model's: step t is line steps[t].
    const seq = model.split.sequences[model.modelUserOf(user)];
    expect(steps.map((k) => lines[k].split(',')[1])).toEqual(Array.from(seq.items, (i) => model.itemIds[i]));
    const r = whatIf(model, user, { step: T, edits });
    const datasetId = await reimport(name, (ls) => edit(ls, steps, user));
    const { hybrid, history } = readingReimport(datasetId, user);
    expect(r.after.step).toBe(stepAfter);
    expect(numbers(r.after)).toEqual(numbers(explainUserStep(hybrid, user, { step: stepAfter, top: 5, shapleyFor: 1 })));
    const u = model.modelUserOf(user);
    for (const m of r.moves) {
      expect(m.rankAfter).toBe(scoredRank(u, history.subarray(0, stepAfter), m.item));
      expect(m.rankBefore).toBe(scoredRank(u, seq.items.subarray(0, T), m.item));
    }
    return r;
  }

  it('a removal equals the log written without that purchase', async () => {
    // Two removals, one in the memory and one older (the memory then reaches one purchase further back).
    const r = await check('removed', [{ remove: T - 2 }, { remove: 3 }], (ls, steps) => {
      for (const k of [steps[T - 2], steps[3]].sort((a, b) => b - a)) ls.splice(k, 1);
    }, T - 2);
    // The edit reached the memory: it now holds the purchase before the old window, and the logits moved.
    expect(r.after.memory.map((m) => m.item)).not.toEqual(r.before.memory.map((m) => m.item));
    expect(r.after.recommendations.map((x) => x.logit)).not.toEqual(r.before.recommendations.map((x) => x.logit));
  });

  it('an insert equals the log with the item bought just before that step, at its time', async () => {
    const user = pick();
    const seq = model.split.sequences[model.modelUserOf(user)];
    const item = model.itemIds.find((_, i) => !seq.items.includes(i))!;
    await check('inserted', [{ insert: item, at: T - 1 }], (ls, steps) => {
      const f = ls[steps[T - 1]].split(',');
      ls.splice(steps[T - 1], 0, [user, item, '5', f[3]].join(','));
    }, T + 1);
  });

  it('a move equals the log with the purchase bought last before the step, at that step\'s time', async () => {
    const user = pick();
    const seq = model.split.sequences[model.modelUserOf(user)];
    // A purchase whose item differs from the one at step T (the same item at the same time would be a duplicate row).
    const from = [T - 4, T - 5, T - 6].find((t) => seq.items[t] !== seq.items[T])!;
    await check('moved', [{ move: from, to: T }], (ls, steps) => {
      const moved = ls[steps[from]].split(',');
      const at = ls[steps[T]].split(',')[3];
      const row = [moved[0], moved[1], moved[2], at].join(',');
      const out = ls.flatMap((l, k) => (k === steps[from] ? [] : k === steps[T] ? [row, l] : [l]));
      ls.splice(0, ls.length, ...out);
    }, T);
  });
});
