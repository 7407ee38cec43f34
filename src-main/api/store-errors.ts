import Database from 'better-sqlite3';

/**
 * SQLite failures that come from the machine, not from a bug: a full disk, an I/O error, a
 * read-only or damaged file. The user needs one line naming the store and the cause, not a
 * stack trace; the write was a transaction, so the store is as it was before the command.
 */
const CAUSES: [prefix: string, verb: string, cause: string][] = [
  ['SQLITE_FULL', 'cannot write', 'the disk is full'],
  ['SQLITE_IOERR', 'cannot write', 'the disk reported an I/O error'],
  ['SQLITE_READONLY', 'cannot write', 'the store is read-only here'],
  ['SQLITE_CANTOPEN', 'cannot open', 'the file cannot be opened (a missing folder or no permission?)'],
  ['SQLITE_PERM', 'cannot open', 'permission denied'],
  ['SQLITE_NOTADB', 'cannot open', 'the file is not a workbench store'],
  ['SQLITE_CORRUPT', 'cannot read', 'the file is damaged'],
  ['SQLITE_BUSY', 'cannot write', 'another process holds the store'],
  ['SQLITE_LOCKED', 'cannot write', 'another process holds the store'],
];

/** The one-line message for an environmental SQLite failure, or undefined for anything else. */
export function storeFailure(e: unknown, store: string | undefined): string | undefined {
  if (!(e instanceof Database.SqliteError)) return undefined;
  const hit = CAUSES.find(([prefix]) => e.code === prefix || e.code.startsWith(`${prefix}_`));
  if (!hit) return undefined;
  const [, verb, cause] = hit;
  return `${verb} ${store ? `the store ${store}` : 'the store'}: ${cause} (${e.code})`;
}

/**
 * A store failure during a job, as the error the job reports: its message is the one line above
 * (the store's path and the cause), since the job's 'error' event carries a message, not the
 * SQLite code. Any other error is returned as it is.
 */
export function asStoreFailure(e: unknown, store: string): unknown {
  const failure = storeFailure(e, store);
  return failure ? Object.assign(new Error(failure), { name: 'StoreFailure' }) : e;
}
