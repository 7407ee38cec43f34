// import-model (engine/import-model.ts): a model file in the export-model format brought into
// the store. Every kind's export read back gives the same tables, bit for bit, and the same
// evaluation; a file that does not fit the dataset is refused with what differs, and nothing is
// written.
import { describe, expect, it } from 'vitest';
import { InputError } from '../src-main/core/errors';
import { MODEL_KINDS } from '../src-main/core/model/catalog';
import { modelExport } from '../src-main/api/model-export';
import { evaluateModel } from '../src-main/engine/evaluate-model';
import { importModelFile } from '../src-main/engine/import-model';
import { loadModel } from '../src-main/engine/loaded-model';
import { trainJob } from '../src-main/jobs/train/train-job';
import { findCachedModel, IMPORTED_BACKEND } from '../src-main/store/models';
import { importDemo } from './demo-model';
import { fileWith, snapshot, tmpDb } from './helpers';

const small = { dim: 8, slots: 5, epochs: 1, minUserEvents: 12, trainPercent: 75 };

type Doc = Record<string, unknown> & { users: string[]; items: string[]; config: Record<string, unknown>; itemEmbeddings: number[][]; userEmbeddings: number[][] };

describe('import-model', () => {
  it('reads every kind back from its own export: the same tables bit for bit, the same evaluation, in any row order', async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    for (const kind of MODEL_KINDS) {
      const trained = (await trainJob(db, { datasetId, config: { ...small, model: kind } })).model;
      const before = loadModel(db, trained.modelId);
      const doc = modelExport(before) as unknown as Doc;
      // Rows reversed, ids with them: the file's order is its own, the model's is the split's.
      const reversed = reverseRows(doc);
      const r = await importModelFile(db, { datasetId, file: fileWith(`${kind}.json`, JSON.stringify(reversed)) });
      expect(r.model).toMatchObject({ kind, backend: IMPORTED_BACKEND, datasetId });
      const after = loadModel(db, r.model.modelId);
      const w0 = before.arrays.weights;
      const w1 = after.arrays.weights;
      expect(w1.config, kind).toEqual(w0.config);
      expect(Object.keys(w1.tensors).sort(), kind).toEqual(Object.keys(w0.tensors).sort());
      for (const [name, t] of Object.entries(w0.tensors)) {
        expect(w1.tensors[name].shape, `${kind} ${name}`).toEqual(t.shape);
        expect(Buffer.from(w1.tensors[name].data.buffer, w1.tensors[name].data.byteOffset, w1.tensors[name].data.byteLength).equals(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)), `${kind} ${name}`).toBe(true);
      }
      // The stored evaluation is the workbench's own, and equals the trained model's exactly.
      const ev = await evaluateModel(before, after.record.config.n);
      expect(r.model.metrics.test, kind).toEqual(ev);
      expect(modelExport(after)).toMatchObject({ users: doc.users, items: doc.items, model: kind });
    }
  }, 240_000);

  it('keeps the file\'s own figures beside the workbench\'s, and an import is never a cached training', async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    const trained = (await trainJob(db, { datasetId, config: small })).model;
    const doc = modelExport(loadModel(db, trained.modelId)) as unknown as Doc;
    const test = trained.metrics.test as { metrics: Record<string, number>; users: number; n: number };
    const claimed = { ...test, metrics: { ...test.metrics, hr: test.metrics.hr + 0.25 } };
    const r = await importModelFile(db, { datasetId, file: fileWith('m.json', JSON.stringify({ ...doc, metrics: { test: claimed }, trainedBy: { tool: 'elsewhere', worldSize: 2 } })) });
    expect(r.imported.reported).toEqual(claimed);
    expect(r.imported.trainedBy).toEqual({ tool: 'elsewhere', worldSize: 2 });
    expect(r.imported.largestDifference).toBeCloseTo(0.25, 12);
    expect(r.imported.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Training the same settings again finds the trained model, never the imported one.
    expect(findCachedModel(db, datasetId, trained.config)?.modelId).toBe(trained.modelId);
  }, 60_000);

  it('refuses a file that does not fit the dataset, naming what differs, and writes nothing', async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    const trained = (await trainJob(db, { datasetId, config: small })).model;
    const doc = modelExport(loadModel(db, trained.modelId)) as unknown as Doc;
    const D = small.dim;
    const cases: [string, unknown, RegExp][] = [
      ['not JSON', '{"model": "rum-item",\n  "users": [1, 2,]}', /bad\.json: not JSON \(line 2, column \d+/],
      ['not an object', '[1, 2]', /one JSON object/],
      ['unknown kind', { ...doc, model: 'transformer' }, /unknown model kind "transformer"/],
      ['a bad setting', { ...doc, config: { ...doc.config, dim: 0 } }, /config: .*dim/],
      ['a user too many', { ...doc, users: [...doc.users, 'nobody'], userEmbeddings: [...doc.userEmbeddings, Array(D).fill(0)] }, /1 of the file's users are not in the split: "nobody" \(not in the dataset\)/],
      ['a user too few', { ...doc, users: doc.users.slice(1), userEmbeddings: doc.userEmbeddings.slice(1) }, new RegExp(`1 of the split's users are not in the file: "${doc.users[0]}"`)],
      ['a user the filter drops', { ...doc, config: { ...doc.config, minUserEvents: 40 } }, /fewer than minUserEvents 40/],
      ['a user twice', { ...doc, users: [doc.users[1], ...doc.users.slice(1)] }, new RegExp(`users lists "${doc.users[1]}" twice`)],
      ['a short row', { ...doc, itemEmbeddings: [doc.itemEmbeddings[0].slice(1), ...doc.itemEmbeddings.slice(1)] }, new RegExp(`itemEmbeddings row 0 has ${D - 1} numbers, need ${D}`)],
      ['a wrong dim', { ...doc, config: { ...doc.config, dim: D + 1 } }, new RegExp(`itemEmbeddings row 0 has ${D} numbers, need ${D + 1}`)],
      ['rows missing', { ...doc, userEmbeddings: doc.userEmbeddings.slice(1) }, new RegExp(`userEmbeddings has ${doc.users.length - 1} rows, need ${doc.users.length}`)],
      ['a string in a table', { ...doc, userEmbeddings: [['0.1', ...doc.userEmbeddings[0].slice(1)], ...doc.userEmbeddings.slice(1)] }, /userEmbeddings row 0 column 0 must be a finite number, got "0.1"/],
      ['past float32', { ...doc, itemEmbeddings: [[1e39, ...doc.itemEmbeddings[0].slice(1)], ...doc.itemEmbeddings.slice(1)] }, /itemEmbeddings row 0 column 0 is 1e\+39, outside the float32 range/],
      ['a table missing', { ...doc, userEmbeddings: undefined }, /userEmbeddings is missing/],
    ];
    const before = snapshot(db);
    for (const [what, content, message] of cases) {
      const file = fileWith('bad.json', typeof content === 'string' ? content : JSON.stringify(content));
      const run = importModelFile(db, { datasetId, file });
      await expect(run, what).rejects.toBeInstanceOf(InputError);
      await expect(importModelFile(db, { datasetId, file }), what).rejects.toThrow(message);
    }
    await expect(importModelFile(db, { datasetId: 999, file: fileWith('m.json', JSON.stringify(doc)) })).rejects.toThrow(/no dataset 999/);
    await expect(importModelFile(db, { datasetId, file: '/nonexistent/model.json' })).rejects.toThrow(/model\.json: cannot read the model file \(ENOENT\)/);
    expect(snapshot(db)).toBe(before);
  }, 60_000);

  it('a cancel before the save leaves the store as it was', async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    const trained = (await trainJob(db, { datasetId, config: small })).model;
    const file = fileWith('m.json', JSON.stringify(modelExport(loadModel(db, trained.modelId))));
    const before = snapshot(db);
    const ac = new AbortController();
    const run = importModelFile(db, { datasetId, file, signal: ac.signal, onProgress: (f) => f >= 0.5 && ac.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(snapshot(db)).toBe(before);
  }, 60_000);
});

/** The same model with its item and user rows (and ids) in reverse order, every other part as it was. */
function reverseRows(doc: Doc): Doc {
  const out: Doc = JSON.parse(JSON.stringify(doc));
  out.users.reverse();
  out.items.reverse();
  for (const key of ['itemEmbeddings', 'userEmbeddings', 'itemPopularity'] as const) (out[key] as unknown[] | undefined)?.reverse();
  const item = (out.tensors as Record<string, { values: unknown[] }> | undefined)?.item;
  item?.values.reverse();
  return out;
}

