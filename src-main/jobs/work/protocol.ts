import type { WorkerError } from './worker-errors';

/** What starts a worker: its input and the shared cancel word (cancel-state.ts). */
export interface WorkerStart<I> {
  input: I;
  cancel: SharedArrayBuffer;
}

/** Worker to caller: progress*, then exactly one of done | error. */
export type FromWorker<P, R> = { type: 'progress'; progress: P } | { type: 'done'; result: R } | { type: 'error'; error: WorkerError };

/** Caller to worker. */
export type ToWorker = { type: 'cancel' };
