import { InputError } from '../core/errors';

// The mapping lives beside the job manager (which reports job failures with it); hosts import
// it from here, the api layer they are allowed to see.
export { toApiError } from '../jobs/job-event';

/**
 * An id that names nothing (deleted, or never there). An InputError like any other, with what
 * and which kept apart, so a host can add its own hint (the CLI names the command that lists them).
 */
export class NotFoundError extends InputError {
  override name = 'NotFoundError';
  constructor(
    readonly what: 'model' | 'dataset',
    readonly id: number,
    hint?: string,
  ) {
    super(`no ${what} ${id}${hint ? ` (${hint})` : ''}`);
  }
}
