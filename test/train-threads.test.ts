import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig } from '../src-main/core/train/config';
import { trainJob } from '../src-main/jobs/train/train-job';
import { listModels } from '../src-main/store/models';
import { importDemo } from './demo-model';
import { snapshot, tmpDb } from './helpers';

// The defaults: on the demo they train in about a second, long enough for both runs to
// settle, so the comparison is not between two half-trained models.
const settings = {};

type Stored = { test: { metrics: { hr: number } }; validation: { metrics: { hr: number } } };

describe('training on two threads', () => {
  it('reaches about the accuracy of one thread, and stores its model beside the one-thread one', async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    const one = await trainJob(db, { datasetId, config: settings });
    const progress: number[] = [];
    const two = await trainJob(db, { datasetId, config: { ...settings, threads: 2 }, onProgress: (p) => progress.push(p.epoch) });
    expect(two.cached).toBe(false);
    expect(two.model.config.threads).toBe(2);
    expect(two.model.curve.length).toBe(two.model.epochs);
    expect(progress.length).toBeGreaterThan(0);
    const a = one.model.metrics as Stored;
    const b = two.model.metrics as Stored;
    // Interleaved updates change the trajectory, not what it converges to.
    expect(Math.abs(b.validation.metrics.hr - a.validation.metrics.hr)).toBeLessThan(0.05);
    expect(Math.abs(b.test.metrics.hr - a.test.metrics.hr)).toBeLessThan(0.05);
    expect(b.test.metrics.hr).toBeGreaterThan(0);
    expect(listModels(db, datasetId).map((m) => m.config.threads).sort()).toEqual([1, 2]);
  });

  it('a cancelled two-thread training leaves the store exactly as it was', async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    const before = snapshot(db);
    const ac = new AbortController();
    const config = { threads: 2, epochs: 200, patience: 200 };
    const run = trainJob(db, { datasetId, config, signal: ac.signal, onProgress: () => ac.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(snapshot(db)).toBe(before);
  });

  it('accepts 1 or 2 threads, and 2 only with the fused kernel', () => {
    expect(() => validateConfig({ ...DEFAULT_CONFIG, threads: 2 })).not.toThrow();
    expect(() => validateConfig({ ...DEFAULT_CONFIG, threads: 3 })).toThrow(/threads/);
    expect(() => validateConfig({ ...DEFAULT_CONFIG, threads: 0 })).toThrow(/threads/);
    expect(() => validateConfig({ ...DEFAULT_CONFIG, threads: 2, gradients: 'tfjs' })).toThrow(/threads/);
  });
});
