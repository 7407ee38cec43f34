import { Worker } from 'node:worker_threads';
import { CancelState } from './cancel-state';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';
import { abortError, reviveError } from './worker-errors';

export interface WorkerRun<P> {
  /** Names the work in messages: "import cancelled", "the report worker stopped". */
  what: string;
  signal?: AbortSignal;
  onProgress?: (p: P) => void;
}

/**
 * How long a cancelled worker may take to stop on its own before it is stopped. A worker reads
 * the cancel message between awaits (a chunk of the log, about 10 ms); inside a synchronous
 * stretch (a save's inserts) it reads none, and is stopped: the cancel word (cancel-state.ts)
 * says it has not committed, and a stopped thread's SQLite connection is closed with it
 * (better-sqlite3 closes its handles when a thread ends), which rolls its transaction back.
 */
const STOP_AFTER_MS = 500;

/**
 * Runs a serveWork() worker (serve-work.ts) off the calling thread and relays its progress;
 * the signal cancels it. Errors arrive as the classes the worker threw (worker-errors.ts).
 * Settles only once the thread has ended, so nothing of the work still runs (or holds the
 * store) when the caller hears the outcome.
 */
export function runWorker<R, P = unknown, I = unknown>(entry: string, input: I, run: WorkerRun<P>): Promise<R> {
  return new Promise((resolve, reject) => {
    if (run.signal?.aborted) return reject(abortError(run.what));
    const state = new CancelState();
    const start: WorkerStart<I> = { input, cancel: state.buffer };
    const worker = new Worker(entry, { workerData: start });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      run.signal?.removeEventListener('abort', onAbort);
      void worker.terminate().finally(outcome);
    };
    const onAbort = () => {
      // Too late: the work has committed, and its result is on its way.
      if (!state.cancel()) return;
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      setTimeout(() => finish(() => reject(abortError(run.what))), STOP_AFTER_MS).unref();
    };
    run.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: FromWorker<P, R>) => {
      if (m.type === 'progress') {
        if (!settled) run.onProgress?.(m.progress);
      } else if (m.type === 'done') {
        // Done without committing anything (a file imported before, a PDF's HTML) after a cancel: cancelled.
        finish(() => (state.cancelled ? reject(abortError(run.what)) : resolve(m.result)));
      } else {
        // A cancel the worker noticed itself (its own AbortError, worded by the work) ends the same
        // way as one it did not reach in time: one AbortError named by `what`, whichever won the race.
        const cancelled = state.cancelled && m.error.name === 'AbortError';
        finish(() => reject(cancelled ? abortError(run.what) : reviveError(m.error)));
      }
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the ${run.what} worker stopped (exit code ${code}) before it answered`))));
  });
}
