// How one job's state follows its events. Pure, so it is unit-tested without a host.
import type { ApiErrorBody, JobEvent } from '../api/types';

export type JobStatus = 'idle' | 'starting' | 'running' | 'done' | 'error' | 'cancelled';

export interface JobState {
  status: JobStatus;
  jobId: string | null;
  fraction: number;
  message: string;
  /** Every progress `detail` so far (training curves are drawn from them), capped. */
  details: unknown[];
  result?: unknown;
  error?: ApiErrorBody;
}

export const IDLE: JobState = { status: 'idle', jobId: null, fraction: 0, message: '', details: [] };
const MAX_DETAILS = 5000;

export const isActive = (s: JobState): boolean => s.status === 'starting' || s.status === 'running';

export function startJob(message = 'starting…'): JobState {
  return { ...IDLE, status: 'starting', message };
}

/** The next state after one event; events of other jobs and late events after the end are ignored. */
export function applyEvent(s: JobState, e: JobEvent): JobState {
  if (s.jobId === null || e.jobId !== s.jobId || !isActive(s)) return s;
  switch (e.type) {
    case 'progress': {
      const details = e.detail === undefined ? s.details : [...s.details.slice(-(MAX_DETAILS - 1)), e.detail];
      return { ...s, status: 'running', fraction: clamp01(e.fraction), message: e.message, details };
    }
    case 'done':
      return { ...s, status: 'done', fraction: 1, message: 'done', result: e.result };
    case 'error':
      return { ...s, status: 'error', message: e.error.message, error: e.error };
    case 'cancelled':
      return { ...s, status: 'cancelled', message: 'cancelled' };
    default:
      return s;
  }
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
