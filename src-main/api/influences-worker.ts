// The influence-map worker (influences-in-worker.ts starts it): loads the model on its own
// connection to the store and explains every chosen step off the thread that answers the UI
// (the demo's training part at K = 20 is 2^20 coalitions at each of ~1,000 full steps: seconds).
import { modelInfluences, type InfluencesJson } from '../engine/influences';
import { loadModel } from '../engine/loaded-model';
import { yieldToInteractive, type InteractiveMarks } from '../jobs/work/interactive';
import { serveWork } from '../jobs/work/serve-work';
import { openDb } from '../store/db';
import type { InfluenceMapInput } from './influences-in-worker';

export interface InfluencesWork extends InfluenceMapInput {
  dbFile: string;
  /** Pairs to keep (the services keep the most an answer may ask for and cut per call). */
  top: number;
  /** The host's marks of interactive calls: the work sleeps while one runs (jobs/work/interactive.ts). */
  marks?: InteractiveMarks;
}

export interface InfluencesStep {
  done: number;
  total: number;
}

/** Progress messages at most this often: a step takes microseconds on a small catalogue. */
const PROGRESS_MS = 100;

serveWork<InfluencesWork, InfluencesStep, InfluencesJson>('influence map', ({ dbFile, modelId, by, part, users, seed, top, marks }, ctx) => {
  const db = openDb(dbFile);
  let model;
  try {
    model = loadModel(db, modelId);
  } finally {
    db.close();
  }
  let last = 0;
  return modelInfluences(model, {
    by,
    part,
    users,
    seed,
    top,
    onStep: (done, total) => {
      const now = performance.now();
      if (now - last < PROGRESS_MS && done < total) return;
      last = now;
      ctx.throwIfCancelled();
      yieldToInteractive(marks);
      ctx.progress({ done, total });
    },
  });
});
