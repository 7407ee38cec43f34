import type { ReactNode } from 'react';
import { cancelJob } from '../api/jobs';
import type { ApiErrorBody } from '../api/types';
import { isActive, type JobState } from '../lib/job-state';
import { ErrorBox } from './ErrorBox';
import { ProgressBar } from './ProgressBar';

/** A job's live progress with Cancel, and how it ended (cancelled, or its error). */
interface Props {
  slot: string;
  job: JobState;
  label: string;
  children?: ReactNode;
  /** Rewrites the error before showing it (an upload's temporary path → the user's file name). */
  mapError?: (e: ApiErrorBody) => ApiErrorBody;
  /** The caller shows a richer progress line itself. */
  hideMessage?: boolean;
}

export function JobPanel({ slot, job, label, children, mapError, hideMessage }: Props) {
  if (job.status === 'idle') return null;
  return (
    <div className="job-panel" aria-live="polite">
      {isActive(job) && (
        <div className="job-row">
          <ProgressBar fraction={job.fraction} label={`${label} progress`} />
          <span className="job-pct">{Math.round(job.fraction * 100)} %</span>
          <button type="button" onClick={() => void cancelJob(slot)} disabled={!job.jobId}>
            Cancel
          </button>
        </div>
      )}
      {isActive(job) && !hideMessage && <div className="muted small">{job.message}</div>}
      {children}
      {job.status === 'cancelled' && <div className="muted">{label} cancelled.</div>}
      {job.status === 'error' && job.error && <ErrorBox error={mapError ? mapError(job.error) : job.error} title={`${label} failed`} />}
    </div>
  );
}
