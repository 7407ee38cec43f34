import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

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

/** Opens (creating if needed) a store and brings its schema up to date. */
export function openDb(file: string, migrations: readonly string[] = MIGRATIONS): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // WAL lets the UI read while a job writes; foreign keys make dataset deletion cascade.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, file, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, file: string, migrations: readonly string[]): void {
  const current = schemaVersion(db);
  if (current > migrations.length) throw new NewerDatabaseError(file, current);
  for (let v = current; v < migrations.length; v++) {
    // Each step and its version bump commit together: a crash mid-step leaves the old version.
    db.transaction(() => {
      db.exec(migrations[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
