import { resolve } from 'node:path';
import type { Ranker } from '../engine/user-ranks';
import { interactiveMarks } from '../jobs/work/interactive';
import { runWorker } from '../jobs/work/run-worker';
import { workerEntry } from '../jobs/worker-entry';
import type { Db } from '../store/db';
import type { RanksWork, RanksWorkResult } from './ranks-worker';

/**
 * A Ranker (engine/user-ranks.ts) that ranks in a worker thread on the model `modelId` loaded
 * there: a timeline's 2,000 steps of a 25,000-item catalogue take the best part of a minute,
 * and explainStep, answered on this thread, must not wait behind them. Undefined for a store in
 * memory, which no other connection can open: the ranks are then computed here, in slices.
 */
export function workerRanker(db: Db, modelId: number): Ranker | undefined {
  if (db.memory) return undefined;
  const dbFile = resolve(db.name);
  const run = (user?: string) =>
    runWorker<RanksWorkResult, never, RanksWork>(workerEntry(import.meta.url, 'ranks-worker'), { dbFile, modelId, user, marks: interactiveMarks() }, { what: 'ranking' });
  return {
    userRanks: async (user) => {
      const r = await run(user);
      if (!('ranks' in r)) throw new Error('the ranks worker answered without ranks');
      return r.ranks;
    },
    testFigures: async () => {
      const r = await run();
      if (!('figures' in r)) throw new Error('the ranks worker answered without figures');
      return r.figures;
    },
  };
}
