import { runJob, type JobProgress } from '../../api/await-job';
import type { Input } from '../../api/contract';
import type { JobMethod, JobResult } from '../../api/results';
import type { CliServices } from './services';

/**
 * A job call run to its end on the command line: progress goes to `onProgress`, and Ctrl+C
 * cancels the job (cancelJob), which then ends as 'cancelled' ("cancelled", exit 1) with
 * nothing saved. A second Ctrl+C stops the process outright.
 */
export async function runCliJob<M extends JobMethod>(
  services: CliServices,
  method: M,
  input: Input<M>,
  onProgress?: (p: JobProgress) => void,
): Promise<JobResult<M>> {
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    return await runJob(services, method, input, { signal: ac.signal, onProgress });
  } finally {
    process.off('SIGINT', onSigint);
  }
}
