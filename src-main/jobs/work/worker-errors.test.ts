import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../core/dataset/errors';
import { InputError } from '../../core/errors';
import { exitCodeFor, type Io } from '../../hosts/cli/output';
import { NewerDatabaseError } from '../../store/db';
import { toApiError } from '../job-event';
import { abortError, reviveError, serializeError } from './worker-errors';

/** The exit code and stderr line the CLI gives an error. */
function cliOutcome(e: unknown): [number, string] {
  let err = '';
  const io: Io = { json: true, out: () => {}, err: (s) => (err += s), isTTY: false };
  return [exitCodeFor(e, io, '/data/wb.db'), err];
}

// Each error a worker may throw, rebuilt from what crosses the thread (structured-clone data).
const ERRORS: [string, Error][] = [
  ['ImportError', new ImportError('/data/log.csv', 17, 'bad timestamp "x"')],
  ['InputError', new InputError('--columns "a,b": column "when" is not one of user, item, rating, timestamp, _')],
  ['NewerDatabaseError', new NewerDatabaseError('/data/wb.db', 99)],
  ['SqliteError', new Database.SqliteError('database or disk is full', 'SQLITE_FULL')],
  ['RangeError', new RangeError('Invalid array length')],
  ['AbortError', abortError('import')],
  ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
];

describe('errors from a worker', () => {
  it.each(ERRORS)('%s comes back as the same class, message and fields', (_, original) => {
    const revived = reviveError(structuredClone(serializeError(original)));
    expect(revived.constructor).toBe(original.constructor);
    expect(revived.name).toBe(original.name);
    expect(revived.message).toBe(original.message);
    expect({ ...revived }).toEqual({ ...original });
    expect(revived.stack).toBe(original.stack);
  });

  it.each(ERRORS)('%s reads the same to the UI, the web host and the CLI', (_, original) => {
    const revived = reviveError(structuredClone(serializeError(original)));
    expect(toApiError(revived)).toEqual(toApiError(original));
    const [code, line] = cliOutcome(original);
    expect(cliOutcome(revived)).toEqual([code, line]);
  });

  it('keeps file and line of an import error', () => {
    const revived = reviveError(structuredClone(serializeError(new ImportError('/data/log.csv', 17, 'bad timestamp'))));
    expect(revived).toBeInstanceOf(ImportError);
    expect(revived).toMatchObject({ file: '/data/log.csv', line: 17, problem: 'bad timestamp', message: '/data/log.csv, line 17: bad timestamp' });
    expect(toApiError(revived)).toEqual({ kind: 'input', message: '/data/log.csv, line 17: bad timestamp', file: '/data/log.csv', line: 17 });
  });

  it('a thrown non-Error still arrives as an Error', () => {
    expect(reviveError(serializeError('plain string'))).toMatchObject({ name: 'Error', message: 'plain string' });
  });
});
