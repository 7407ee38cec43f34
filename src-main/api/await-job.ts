// A job call followed to its end, for callers that want one answer rather than a stream of
// events: the command line (which prints the result) and tests. The app's UI follows the same
// events itself (IPC in Electron, server-sent events on the web).
import type { ApiErrorBody, JobEvent } from '../jobs/job-event';
import type { Input, Method, Result } from './contract';
import type { ExportCancelled, JobMethod, JobResult, JobStarted } from './results';

/** The services' dispatch and the job manager's events: all a job needs to be followed. */
export interface JobApi {
  dispatch<M extends Method>(method: M, raw: unknown): Promise<Result<M>>;
  onEvent(listener: (e: JobEvent) => void): () => void;
}

export interface JobProgress {
  fraction: number;
  message: string;
  /** What the job attached: a TrainProgress for training, the importer's byte counts, … */
  detail?: unknown;
}

export interface RunJobOptions {
  onProgress?: (p: JobProgress) => void;
  /** Aborting it cancels the job (cancelJob); the job then ends with 'cancelled'. */
  signal?: AbortSignal;
}

/** A job that ended with an 'error' event: what the UI would show, thrown. */
export class JobError extends Error {
  override name = 'JobError';
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
}

/** A job that ended with 'cancelled' (or a host that started none): named as every cancel is. */
const cancelled = (what: string): Error => Object.assign(new Error(`${what} cancelled`), { name: 'AbortError' });

/**
 * Starts a job call and waits for its final event: resolves with the 'done' event's result,
 * rejects with a JobError for 'error' and an AbortError for 'cancelled'. A call refused before
 * any job starts (bad input) rejects with that error, as any call does. Listens before calling,
 * so no event can come before it does.
 */
export async function runJob<M extends JobMethod>(api: JobApi, method: M, input: Input<M>, opts: RunJobOptions = {}): Promise<JobResult<M>> {
  const early: JobEvent[] = [];
  let follow: ((e: JobEvent) => void) | undefined;
  const stop = api.onEvent((e) => (follow ? follow(e) : early.push(e)));
  try {
    const started = (await api.dispatch(method, input)) as JobStarted | ExportCancelled;
    if (!('jobId' in started)) throw cancelled(method);
    const { jobId } = started;
    const cancel = () => void api.dispatch('cancelJob', { jobId }).catch(() => undefined);
    opts.signal?.addEventListener('abort', cancel, { once: true });
    try {
      if (opts.signal?.aborted) cancel();
      return await new Promise<JobResult<M>>((resolve, reject) => {
        follow = (e) => {
          if (e.jobId !== jobId) return;
          if (e.type === 'progress') opts.onProgress?.({ fraction: e.fraction, message: e.message, detail: e.detail });
          else if (e.type === 'done') resolve(e.result as JobResult<M>);
          else if (e.type === 'error') reject(new JobError(e.error));
          else reject(cancelled(e.kind));
        };
        for (const e of early.splice(0)) follow(e);
      });
    } finally {
      opts.signal?.removeEventListener('abort', cancel);
    }
  } finally {
    stop();
  }
}
