import { parentPort, workerData } from 'node:worker_threads';
import { CancelState } from './cancel-state';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';
import { abortError, serializeError } from './worker-errors';

export interface WorkContext<P> {
  /** Aborted when the caller cancels; read between awaits. */
  signal: AbortSignal;
  progress(p: P): void;
  /** For synchronous loops, which no message reaches: throws if the caller has cancelled. */
  throwIfCancelled(): void;
  /**
   * Call right before the work's one lasting effect (inside the transaction, before writing a
   * file): throws if the caller cancelled first; afterwards a cancel comes too late to count.
   */
  commit(): void;
}

/** The worker side of run-worker.ts: runs `work` once on the input it was started with. */
export function serveWork<I, P, R>(what: string, work: (input: I, ctx: WorkContext<P>) => Promise<R> | R): void {
  const port = parentPort!;
  const { input, cancel } = workerData as WorkerStart<I>;
  const state = new CancelState(cancel);
  const ac = new AbortController();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'cancel') ac.abort();
  });
  const post = (m: FromWorker<P, R>) => port.postMessage(m);
  const ctx: WorkContext<P> = {
    signal: ac.signal,
    progress: (progress) => post({ type: 'progress', progress }),
    throwIfCancelled: () => {
      if (state.cancelled) throw abortError(what);
    },
    commit: () => {
      if (!state.commit()) throw abortError(what);
    },
  };
  Promise.resolve()
    .then(() => work(input, ctx))
    .then(
      (result) => post({ type: 'done', result }),
      (e: unknown) => post({ type: 'error', error: serializeError(e) }),
    )
    // The caller ends the thread once it has the answer; until then, nothing keeps it busy.
    .finally(() => port.unref());
}
