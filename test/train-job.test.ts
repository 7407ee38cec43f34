import { describe, expect, it } from 'vitest';
import { InputError } from '../src-main/core/errors';
import { trainJob } from '../src-main/jobs/train/train-job';
import { listModels } from '../src-main/store/models';
import { importDemo } from './demo-model';
import { snapshot, tmpDb } from './helpers';

const small = { slots: 5, dim: 8, epochs: 2 };

describe('training jobs (worker thread + store)', () => {
  it('stores a finished model once, returns it from the cache for the same settings, retrains when forced', async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    const progress: number[] = [];
    const first = await trainJob(db, { datasetId, config: small, onProgress: (p) => progress.push(p.epoch) });
    expect(first.cached).toBe(false);
    expect(progress.length).toBeGreaterThan(0);
    expect(first.model).toMatchObject({ kind: 'rum-item', datasetId, seed: 1 });
    expect(['tensorflow', 'wasm', 'cpu']).toContain(first.model.backend);
    expect(first.model.curve.length).toBe(first.model.epochs);

    const again = await trainJob(db, { datasetId, config: small });
    expect(again).toMatchObject({ cached: true, model: { modelId: first.model.modelId } });

    const other = await trainJob(db, { datasetId, config: { ...small, seed: 2 } });
    expect(other.cached).toBe(false);
    const forced = await trainJob(db, { datasetId, config: small, force: true });
    expect(forced.cached).toBe(false);
    // The forced run is a new model beside the first (whose id may be saved somewhere), and the
    // cache now answers with the newest of the two.
    expect(forced.model.modelId).toBeGreaterThan(other.model.modelId);
    expect(listModels(db, datasetId).map((m) => m.config.seed)).toEqual([1, 2, 1]);
    expect((await trainJob(db, { datasetId, config: small })).model.modelId).toBe(forced.model.modelId);
  });

  it('a cancelled training leaves the store exactly as it was', async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    const before = snapshot(db);
    const ac = new AbortController();
    const run = trainJob(db, { datasetId, config: { ...small, epochs: 200, patience: 200 }, signal: ac.signal, onProgress: () => ac.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(snapshot(db)).toBe(before);
  });

  it('reports a setting the data cannot meet as bad input, and stores nothing', async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    const before = snapshot(db);
    await expect(trainJob(db, { datasetId, config: { ...small, minUserEvents: 10_000 } })).rejects.toBeInstanceOf(InputError);
    await expect(trainJob(db, { datasetId: 999, config: small })).rejects.toThrow(/no dataset 999/);
    await expect(trainJob(db, { datasetId, config: { ...small, dim: -1 } })).rejects.toThrow(/dim/);
    expect(snapshot(db)).toBe(before);
  });
});
