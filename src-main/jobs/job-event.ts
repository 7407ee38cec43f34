// What a job reports and how a failure reads to the user. Defined here, below the api layer,
// because the job manager emits them; api/contract.ts re-exports both as part of the contract.
import { ZodError } from 'zod';
import { ImportError } from '../core/dataset/errors';
import { InputError } from '../core/errors';

export interface ApiErrorBody {
  /** 'input' = the user can fix it (bad file, bad setting); 'internal' = a bug or the machine. */
  kind: 'input' | 'internal';
  message: string;
  /** For import errors: the file and line. */
  file?: string;
  line?: number;
}

/** Events of long jobs, pushed to the UI (IPC in Electron, server-sent events on the web). */
export type JobEvent =
  | { jobId: string; kind: string; type: 'progress'; fraction: number; message: string; detail?: unknown }
  | { jobId: string; kind: string; type: 'done'; result: unknown }
  | { jobId: string; kind: string; type: 'error'; error: ApiErrorBody }
  | { jobId: string; kind: string; type: 'cancelled' };

/** Maps any failure to what the UI shows: input errors verbatim, internals without a stack. */
export function toApiError(e: unknown): ApiErrorBody {
  if (e instanceof ImportError) return { kind: 'input', message: e.message, file: e.file, line: e.line };
  if (e instanceof InputError || e instanceof RangeError) return { kind: 'input', message: e.message };
  if (e instanceof ZodError) {
    return { kind: 'input', message: e.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') };
  }
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}
