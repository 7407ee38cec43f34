// The ranks worker (ranks-in-worker.ts starts it): loads the model on its own connection to the
// store and ranks one user's every step, or every user's test part, off the thread that answers
// the UI. The same loadModel as the services', so the same user order and the same ranks.
import { loadModel } from '../engine/loaded-model';
import { testFiguresNow, userStepRanks, type UserTestFigures } from '../engine/user-ranks';
import { serveWork } from '../jobs/work/serve-work';
import { yieldToInteractive, type InteractiveMarks } from '../jobs/work/interactive';
import { openDb } from '../store/db';

export interface RanksWork {
  dbFile: string;
  modelId: number;
  /** A user's id: its every step; absent: every user's test figures. */
  user?: string;
  /** The host's marks of interactive calls: the ranking sleeps while one runs (jobs/work/interactive.ts). */
  marks?: InteractiveMarks;
}

export type RanksWorkResult = { ranks: Int32Array } | { figures: UserTestFigures[] };

serveWork<RanksWork, never, RanksWorkResult>('ranking', ({ dbFile, modelId, user, marks }) => {
  const db = openDb(dbFile);
  const between = () => yieldToInteractive(marks);
  try {
    between();
    const model = loadModel(db, modelId);
    if (user === undefined) return { figures: testFiguresNow(model, between) };
    const u = model.modelUserOf(user);
    if (u < 0) throw new Error(`user ${user} is not in model ${modelId}`);
    return { ranks: userStepRanks(model, u, between) };
  } finally {
    db.close();
  }
});
