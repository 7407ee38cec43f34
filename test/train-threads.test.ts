import { describe, expect, it } from 'vitest';
import { timeOrderedSplit } from '../src-main/core/dataset/split';
import { DEFAULT_CONFIG, validateConfig, type TrainConfig } from '../src-main/core/train/config';
import { ExampleSampler } from '../src-main/core/train/examples';
import { trainModel, type EpochHelper, type SharedTraining } from '../src-main/core/train/trainer';
import { rankerFor } from '../src-main/engine/ranker';
import { startEpochHelper } from '../src-main/jobs/train/epoch-helper';
import { loadInteractions } from '../src-main/store/datasets';
import { listModels } from '../src-main/store/models';
import { trainJob } from '../src-main/jobs/train/train-job';
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

  it("the helper thread trains its half of every epoch into the shared tables", async () => {
    const { db } = tmpDb();
    const datasetId = await importDemo(db);
    const config: TrainConfig = { ...DEFAULT_CONFIG, threads: 2, epochs: 3, patience: 100 };
    const split = timeOrderedSplit(loadInteractions(db, datasetId), config);
    interface HelperPart {
      examples: number;
      adamSteps: number;
      lossSum: number;
      usersChanged: number[];
      usersOfSlice: number[];
      itemsChanged: number;
    }
    const parts: HelperPart[] = [];
    let shared: SharedTraining | undefined;
    let batchSize = 0;
    // The real helper thread on the real shared tables, but run to completion inside start()
    // while the trainer's own thread waits: whatever changes then is the helper's work alone.
    const serialised = (s: SharedTraining): EpochHelper => {
      shared = s;
      const sampler = new ExampleSampler(s.split, s.fitEnd, s.config.slots, s.config.negatives);
      batchSize = Math.min(s.config.batchSize, sampler.size);
      const real = startEpochHelper(s);
      const { dim } = s.config;
      const changedRows = (before: Float32Array, after: Float32Array) => {
        const rows: number[] = [];
        for (let r = 0; r < after.length / dim; r++) {
          if (after.subarray(r * dim, (r + 1) * dim).some((x, d) => x !== before[r * dim + d])) rows.push(r);
        }
        return rows;
      };
      let last = { lossSum: Number.NaN };
      return {
        start(epoch, order, from, to) {
          const user = s.params.user.slice();
          const item = s.params.item.slice();
          const steps = Atomics.load(s.adamSteps, 0);
          real.start(epoch, order, from, to);
          last = real.wait();
          parts.push({
            examples: to - from,
            adamSteps: Atomics.load(s.adamSteps, 0) - steps,
            lossSum: last.lossSum,
            usersChanged: changedRows(user, s.params.user),
            usersOfSlice: [...new Set(Array.from(order.subarray(from, to), (e) => sampler.exUser[e]))].sort((a, b) => a - b),
            itemsChanged: changedRows(item, s.params.item).length,
          });
        },
        wait: () => last,
        close: () => real.close(),
      };
    };
    const outcome = trainModel(split, config, { makeRank: rankerFor, epochHelper: serialised });
    expect(outcome.epochsRun).toBe(3);
    expect(parts).toHaveLength(3);
    const examples = new ExampleSampler(split, shared!.fitEnd, config.slots, config.negatives).size;
    const helperBatches = Math.ceil(Math.floor(examples / 2) / batchSize);
    for (const [k, part] of parts.entries()) {
      expect(part.examples, `epoch ${k + 1}`).toBe(Math.floor(examples / 2));
      // One Adam step per batch of the helper's half, counted on the shared step counter.
      expect(part.adamSteps, `epoch ${k + 1}`).toBe(helperBatches);
      // Exactly the users of the helper's examples moved, and nothing else did.
      expect(part.usersChanged, `epoch ${k + 1}`).toEqual(part.usersOfSlice);
      expect(part.itemsChanged).toBeGreaterThan(0);
      // Its loss sum is over its examples: the mean is a plausible BCE loss, not zero.
      expect(part.lossSum / part.examples).toBeGreaterThan(0.05);
      expect(part.lossSum / part.examples).toBeLessThan(5);
    }
    // Over the whole run the shared counter holds both threads' steps.
    const mainBatches = Math.ceil((examples - Math.floor(examples / 2)) / batchSize);
    expect(Atomics.load(shared!.adamSteps, 0)).toBe(3 * (helperBatches + mainBatches));
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
