// Step ranks of a loaded model's users, computed on demand and kept with the model: a timeline
// asks for one user's every step, the user list for every user's test steps (its hit rate).
import { stepMetrics, stepRanks, type StepMetrics } from '../core/explain/step-ranks';
import { modelSpec } from '../core/model/registry';
import type { LoadedModel } from './loaded-model';

/** One user's figures in the user list: the test part only (see testFigures). */
export interface UserTestFigures {
  hr: number;
  ndcg: number;
  /** Test steps whose purchase ranked below N. */
  misses: number;
  steps: number;
}

interface Cache {
  full: Map<number, Int32Array>;
  pending: Map<number, Promise<Int32Array>>;
  test?: Promise<{ figures: UserTestFigures[]; ms: number }>;
}

// Ranking here runs on the thread that answers the UI (a store in memory, or no Ranker): long work yields between chunks of about this
// many milliseconds, or of one step when a step takes longer (a 25,000-item catalogue: tens of
// ms), so that the explanation of the step being read waits at most one chunk behind it.
const SLICE_MS = 8;
const yieldToOthers = () => new Promise<void>((done) => setTimeout(done, 0));

// Keyed by the loaded model object: when the services' model cache drops it, its ranks go too.
const caches = new WeakMap<LoadedModel, Cache>();
const MAX_USERS = 8;

function cacheOf(model: LoadedModel): Cache {
  let c = caches.get(model);
  if (!c) caches.set(model, (c = { full: new Map(), pending: new Map() }));
  return c;
}

/** N of the model's hit@N: its training setting n (5 unless set). */
export function hitN(model: LoadedModel): number {
  return model.record.config.n ?? 5;
}

/** Ranks at every step of model user `u` (scores the whole catalogue once per step). */
export function userStepRanks(model: LoadedModel, u: number, between?: () => void): Int32Array {
  const c = cacheOf(model);
  let r = c.full.get(u);
  if (!r) {
    const seq = model.split.sequences[u];
    const w = model.arrays.weights;
    r = keep(c, u, stepRanks(modelSpec(w.kind), w, u, seq.items, model.itemIds.length, 0, seq.items.length, between));
  }
  return r;
}

function keep(c: Cache, u: number, r: Int32Array): Int32Array {
  c.full.set(u, r);
  if (c.full.size > MAX_USERS) c.full.delete(c.full.keys().next().value!);
  return r;
}

/**
 * Where the long rankings run instead of this thread: the services pass one that ranks in a
 * worker thread on the model loaded there (api/ranks-in-worker.ts), since even sliced, a step of
 * a large catalogue holds this thread for tens of ms and a key press in a timeline waits behind
 * it. It must give what userStepRanks and testFiguresNow would here (the same model, loaded again).
 */
export interface Ranker {
  userRanks(user: string): Promise<Int32Array>;
  testFigures(): Promise<UserTestFigures[]>;
}

/**
 * userStepRanks without blocking: the same ranks, computed by `ranker` or else here a slice at a
 * time, then kept.
 */
export function userStepRanksAsync(model: LoadedModel, u: number, ranker?: Ranker): Promise<Int32Array> {
  const c = cacheOf(model);
  const done = c.full.get(u);
  if (done) return Promise.resolve(done);
  let p = c.pending.get(u);
  if (!p && ranker) {
    p = ranker
      .userRanks(model.userIds[u])
      .then((r) => keep(c, u, r))
      .finally(() => c.pending.delete(u));
    c.pending.set(u, p);
  }
  if (!p) {
    p = (async () => {
      const seq = model.split.sequences[u];
      const w = model.arrays.weights;
      const spec = modelSpec(w.kind);
      const T = seq.items.length;
      const ranks = new Int32Array(T);
      let t = 0;
      let chunk = 1;
      while (t < T) {
        const started = performance.now();
        const to = Math.min(T, t + chunk);
        ranks.set(stepRanks(spec, w, u, seq.items, model.itemIds.length, t, to).subarray(t, to), t);
        t = to;
        // Size the next slice from this one's time per step.
        const perStep = (performance.now() - started) / chunk;
        chunk = Math.max(1, Math.floor(SLICE_MS / Math.max(perStep, 1e-3)));
        if (t < T) await yieldToOthers();
      }
      return keep(c, u, ranks);
    })().finally(() => c.pending.delete(u));
    c.pending.set(u, p);
  }
  return p;
}

/**
 * Ranks a timeline of `user` will show, computed without blocking; nothing for a user the model
 * lacks or a kind with no timeline (userTimeline then gives the error).
 */
export async function timelineRanksReady(model: LoadedModel, user: string, ranker?: Ranker): Promise<void> {
  const u = model.modelUserOf(user);
  if (u >= 0 && modelSpec(model.arrays.weights.kind).explains) await userStepRanksAsync(model, u, ranker);
}

/** HR@N and NDCG@N of one user's train and test parts, from the ranks at every step. */
export function partMetrics(ranks: Int32Array, trainLength: number, n: number): { train: StepMetrics; test: StepMetrics } {
  return { train: stepMetrics(ranks, n, 0, trainLength), test: stepMetrics(ranks, n, trainLength, ranks.length) };
}

/** One user's test figures from ranks that cover at least its test steps. */
function testFigure(ranks: Int32Array, n: number, trainLength: number, length: number): UserTestFigures {
  const m = stepMetrics(ranks, n, trainLength, length);
  return { hr: m.hr, ndcg: m.ndcg, misses: m.steps - m.hits, steps: m.steps };
}

/** testFigures' figures computed at once, blocking: for a worker thread (Ranker). */
export function testFiguresNow(model: LoadedModel, between?: () => void): UserTestFigures[] {
  const w = model.arrays.weights;
  const spec = modelSpec(w.kind);
  const n = hitN(model);
  return model.split.sequences.map((seq) =>
    testFigure(stepRanks(spec, w, seq.user, seq.items, model.itemIds.length, seq.trainLength, seq.items.length, between), n, seq.trainLength, seq.items.length),
  );
}

/**
 * Every user's figures over the test part only (steps trainLength..end, each ranked after the
 * whole history before it, as a timeline does): test steps are what the model was not fitted on,
 * and ranking them only keeps the cost to (test events x catalogue). Computed once per loaded
 * model, by `ranker` or else here yielding between users; `ms` is the time it took (the first
 * caller waits that long).
 */
export function testFigures(model: LoadedModel, ranker?: Ranker): Promise<{ figures: UserTestFigures[]; ms: number }> {
  const c = cacheOf(model);
  if (!c.test && ranker) {
    const started = performance.now();
    c.test = ranker.testFigures().then((figures) => ({ figures, ms: performance.now() - started }));
    c.test.catch(() => (c.test = undefined));
  }
  if (!c.test) {
    c.test = (async () => {
      const started = performance.now();
      const w = model.arrays.weights;
      const spec = modelSpec(w.kind);
      const n = hitN(model);
      const figures: UserTestFigures[] = [];
      let slice = performance.now();
      for (const seq of model.split.sequences) {
        const u = seq.user;
        const ranks = c.full.get(u) ?? stepRanks(spec, w, u, seq.items, model.itemIds.length, seq.trainLength);
        figures.push(testFigure(ranks, n, seq.trainLength, seq.items.length));
        if (performance.now() - slice > SLICE_MS) {
          await yieldToOthers();
          slice = performance.now();
        }
      }
      return { figures, ms: performance.now() - started };
    })();
    // A failure is not kept: the next call tries again.
    c.test.catch(() => (c.test = undefined));
  }
  return c.test;
}
