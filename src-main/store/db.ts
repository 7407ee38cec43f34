import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { makePrivateDir, makePrivateFile, matchSidecarModes } from './private-files';

export type Db = Database.Database;

/**
 * How long a writer waits for another connection's write lock before giving up (SQLITE_BUSY).
 * The longest commit the workbench makes is an import: the 1,000,000-row log of BENCHMARKS.md
 * commits in one transaction of 2.2 s on the 2-core development machine (deleting that dataset,
 * cascade included, takes 1.7 s). 60 s covers a log ten times that size on a machine three times
 * slower, where better-sqlite3's default of 5 s would fail a second writer (a CLI import next to
 * the app's training) that only had to wait its turn. Readers never wait at all: WAL.
 */
export const BUSY_TIMEOUT_MS = 60_000;

export class NewerDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly version: number,
  ) {
    super(
      `${file} was written by a newer RUM workbench (schema ${version}; this one knows up to ${SCHEMA_VERSION}). ` +
        'Update the workbench, or open another database with --db.',
    );
    this.name = 'NewerDatabaseError';
  }
}

/**
 * Opens (creating if needed) a store and brings its schema up to date. The store holds the
 * user's purchase logs, so it is private whatever the process's umask: a folder we create is
 * 0700, the database 0600, and SQLite's -wal and -shm files take the database's mode.
 */
export function openDb(file: string, migrations: readonly string[] = MIGRATIONS): Db {
  const onDisk = file !== ':memory:' && file !== '';
  if (onDisk) {
    makePrivateDir(dirname(file));
    makePrivateFile(file);
  }
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL lets the UI read while a job writes; foreign keys make dataset deletion cascade.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db, file, migrations);
    db.pragma('foreign_keys = ON');
    if (onDisk) matchSidecarModes(file);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs the missing steps with foreign keys off (SQLite's way to rebuild a table that others
 * reference: with them on, DROP TABLE would cascade into every child row), and checks every
 * reference before each step commits.
 */
function migrate(db: Db, file: string, migrations: readonly string[]): void {
  const current = schemaVersion(db);
  if (current > migrations.length) throw new NewerDatabaseError(file, current);
  if (current === migrations.length) return;
  db.pragma('foreign_keys = OFF');
  for (let v = current; v < migrations.length; v++) {
    // Each step and its version bump commit together: a crash mid-step leaves the old version.
    db.transaction(() => {
      db.exec(migrations[v]);
      const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (broken.length) throw new Error(`migration ${v + 1} left ${broken.length} rows of ${broken[0].table} without their ${broken[0].parent}`);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
