import { resolve } from 'node:path';
import type { InfluenceBy } from '../core/explain/influences';
import type { InfluencePart } from '../core/explain/influence-users';
import { INFLUENCE_MAX_TOP, modelInfluences, type InfluencesJson } from '../engine/influences';
import { loadModel } from '../engine/loaded-model';
import { interactiveMarks } from '../jobs/work/interactive';
import { runWorker } from '../jobs/work/run-worker';
import { workerEntry } from '../jobs/worker-entry';
import type { Db } from '../store/db';
import type { InfluencesStep, InfluencesWork } from './influences-worker';

/** What decides a map (the services keep one per such input). */
export interface InfluenceMapInput {
  modelId: number;
  by: InfluenceBy;
  part: InfluencePart;
  users?: number | 'all';
  seed?: number;
}

/**
 * A model's map of influences (engine/influences.ts) with its INFLUENCE_MAX_TOP strongest pairs,
 * computed in a worker thread on its own connection to the store, so the thread answering the UI
 * stays free; the signal cancels it. A store in memory, which no other connection can open, is
 * mapped here.
 */
export async function influencesInWorker(db: Db, input: InfluenceMapInput, run: { signal?: AbortSignal; onStep?: (done: number, total: number) => void } = {}): Promise<InfluencesJson> {
  if (db.memory) {
    const onStep = (done: number, total: number) => {
      run.signal?.throwIfAborted();
      run.onStep?.(done, total);
    };
    return modelInfluences(loadModel(db, input.modelId), { ...input, top: INFLUENCE_MAX_TOP, onStep });
  }
  const work: InfluencesWork = { ...input, dbFile: resolve(db.name), top: INFLUENCE_MAX_TOP, marks: interactiveMarks() };
  return runWorker<InfluencesJson, InfluencesStep, InfluencesWork>(workerEntry(import.meta.url, 'influences-worker'), work, {
    what: 'influence map',
    signal: run.signal,
    onProgress: (s) => run.onStep?.(s.done, s.total),
  });
}
