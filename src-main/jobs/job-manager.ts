import { randomUUID } from 'node:crypto';
import type { JobEvent } from '../api/contract';
import { toApiError } from '../api/errors';

export type ProgressFn = (fraction: number, message: string, detail?: unknown) => void;

/**
 * Long work (import, training, reports) as jobs: each gets an id at once, reports progress as
 * events, and can be cancelled; its result or error arrives as a final event. Hosts forward the
 * events (IPC, server-sent events); nothing here knows which.
 */
export class JobManager {
  private readonly running = new Map<string, AbortController>();
  private readonly listeners = new Set<(e: JobEvent) => void>();

  onEvent(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: JobEvent): void {
    for (const l of this.listeners) l(e);
  }

  start(kind: string, work: (signal: AbortSignal, progress: ProgressFn) => Promise<unknown>): { jobId: string } {
    const jobId = randomUUID();
    const ac = new AbortController();
    this.running.set(jobId, ac);
    let last = 0;
    const progress: ProgressFn = (fraction, message, detail) => {
      // Throttle: a progress bar redrawn 10 times a second is smooth; 1000 times floods the UI.
      const now = Date.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      this.emit({ jobId, kind, type: 'progress', fraction, message, detail });
    };
    // Start on the next tick so the caller has the id before the first event.
    setImmediate(() => {
      work(ac.signal, progress).then(
        (result) => this.emit({ jobId, kind, type: 'done', result }),
        (e: unknown) => {
          if (ac.signal.aborted || (e instanceof Error && e.name === 'AbortError')) this.emit({ jobId, kind, type: 'cancelled' });
          else this.emit({ jobId, kind, type: 'error', error: toApiError(e) });
        },
      ).finally(() => this.running.delete(jobId));
    });
    return { jobId };
  }

  cancel(jobId: string): boolean {
    const ac = this.running.get(jobId);
    if (!ac) return false;
    ac.abort();
    return true;
  }

  get active(): number {
    return this.running.size;
  }
}
