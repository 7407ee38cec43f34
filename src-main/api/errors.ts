import { ZodError } from 'zod';
import { ImportError } from '../core/dataset/errors';
import { InputError } from '../core/errors';
import type { ApiErrorBody } from './contract';

/** Maps any failure to what the UI shows: input errors verbatim, internals without a stack. */
export function toApiError(e: unknown): ApiErrorBody {
  if (e instanceof ImportError) return { kind: 'input', message: e.message, file: e.file, line: e.line };
  if (e instanceof InputError || e instanceof RangeError) return { kind: 'input', message: e.message };
  if (e instanceof ZodError) {
    return { kind: 'input', message: e.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') };
  }
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}
