// The mapping lives beside the job manager (which reports job failures with it); hosts import
// it from here, the api layer they are allowed to see.
export { toApiError } from '../jobs/job-event';
