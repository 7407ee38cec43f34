import type { ApiErrorBody } from './types';

/** An error from a call or a job, carrying the host's body (kind, message, file, line). */
export class ApiError extends Error {
  readonly body: ApiErrorBody;
  readonly status?: number;
  constructor(body: ApiErrorBody, status?: number) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
    this.status = status;
  }
}

/** Any thrown value as an error body, so views show one shape. */
export function errorBody(e: unknown): ApiErrorBody {
  if (e instanceof ApiError) return e.body;
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    return { kind: 'internal', message: (e as { message: string }).message };
  }
  return { kind: 'internal', message: String(e) };
}

/** "message (file, line 12)" for one-line display. */
export function describeError(b: ApiErrorBody): string {
  const where = [b.file, b.line !== undefined ? `line ${b.line}` : undefined].filter(Boolean).join(', ');
  return where ? `${b.message} (${where})` : b.message;
}
