import { randomUUID } from 'node:crypto';
import type { JobEvent } from './job-event';
import { toApiError } from './job-event';

export type ProgressFn = (fraction: number, message: string, detail?: unknown) => void;

/** What a job reads or writes in the store, so that nothing deletes it from under the job. */
export interface JobUses {
  datasetId?: number;
  modelId?: number;
}

interface Running {
  kind: string;
  uses: JobUses;
  ac: AbortController;
}

/**
 * Long work (import, training, reports) as jobs: each gets an id at once, reports progress as
 * events, and can be cancelled; its result or error arrives as a final event. Hosts forward the
 * events (IPC, server-sent events); nothing here knows which.
 */
export class JobManager {
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<(e: JobEvent) => void>();

  onEvent(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: JobEvent): void {
    for (const l of this.listeners) l(e);
  }

  start(kind: string, work: (signal: AbortSignal, progress: ProgressFn) => Promise<unknown>, uses: JobUses = {}): { jobId: string } {
    const jobId = randomUUID();
    const ac = new AbortController();
    // Registered before start() returns, so a delete that comes right after already sees it.
    this.running.set(jobId, { kind, uses, ac });
    let last = 0;
    const progress: ProgressFn = (fraction, message, detail) => {
      // Throttle: a progress bar redrawn 10 times a second is smooth; 1000 times floods the UI.
      const now = Date.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      this.emit({ jobId, kind, type: 'progress', fraction, message, detail });
    };
    // Start on the next tick so the caller has the id before the first event.
    // The job leaves the running list before its last event goes out: whoever reacts to that
    // event (deleting the dataset the job used, say) must find it gone.
    const end = (e: JobEvent) => {
      this.running.delete(jobId);
      this.emit(e);
    };
    setImmediate(() => {
      work(ac.signal, progress).then(
        (result) => end({ jobId, kind, type: 'done', result }),
        (e: unknown) => {
          if (ac.signal.aborted || (e instanceof Error && e.name === 'AbortError')) end({ jobId, kind, type: 'cancelled' });
          else end({ jobId, kind, type: 'error', error: toApiError(e) });
        },
      );
    });
    return { jobId };
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.ac.abort();
    return true;
  }

  /** The kinds of the running jobs that use this dataset (directly or through one of its models) or this model. */
  usersOf(what: JobUses): string[] {
    const kinds: string[] = [];
    for (const { kind, uses } of this.running.values()) {
      const dataset = what.datasetId !== undefined && uses.datasetId === what.datasetId;
      const model = what.modelId !== undefined && uses.modelId === what.modelId;
      if (dataset || model) kinds.push(kind);
    }
    return kinds;
  }

  get active(): number {
    return this.running.size;
  }
}
