// Errors cross from a worker as plain data; the caller rebuilds the same classes, because the
// hosts classify by class: toApiError (jobs/job-event.ts) for HTTP 400 vs 500 and the UI, and
// exitCodeFor (hosts/cli/output.ts) for exit code 2 vs 1 and the store's one-line messages.
import Database from 'better-sqlite3';
import { ImportError } from '../../core/dataset/errors';
import { InputError } from '../../core/errors';
import { NewerDatabaseError } from '../../store/db';

export interface WorkerError {
  name: string;
  message: string;
  stack?: string;
  /** ImportError: where and what. */
  file?: string;
  line?: number;
  problem?: string;
  /** SqliteError: SQLITE_FULL and the like. */
  code?: string;
  /** NewerDatabaseError: the store's schema version. */
  version?: number;
}

export function serializeError(e: unknown): WorkerError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const out: WorkerError = { name: e.name, message: e.message, stack: e.stack };
  if (e instanceof ImportError) Object.assign(out, { file: e.file, line: e.line, problem: e.problem });
  if (e instanceof NewerDatabaseError) Object.assign(out, { file: e.file, version: e.version });
  if (e instanceof Database.SqliteError) out.code = e.code;
  return out;
}

/** The error as the worker threw it: same class, message and fields; the worker's stack. */
export function reviveError(s: WorkerError): Error {
  const e = rebuild(s);
  if (s.stack) e.stack = s.stack;
  return e;
}

function rebuild(s: WorkerError): Error {
  switch (s.name) {
    case 'ImportError':
      return new ImportError(s.file!, s.line!, s.problem!);
    case 'InputError':
      return new InputError(s.message);
    case 'NewerDatabaseError':
      return new NewerDatabaseError(s.file!, s.version!);
    case 'SqliteError':
      return new Database.SqliteError(s.message, s.code!);
    case 'RangeError':
      return new RangeError(s.message);
    case 'TypeError':
      return new TypeError(s.message);
    default:
      return Object.assign(new Error(s.message), { name: s.name });
  }
}

export function abortError(what: string): Error {
  return Object.assign(new Error(`${what} cancelled`), { name: 'AbortError' });
}
