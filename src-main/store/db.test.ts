import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../../test/helpers';
import { NewerDatabaseError, openDb, schemaVersion } from './db';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

describe('store migrations', () => {
  it('creates a fresh database at the current schema, in WAL mode', () => {
    const db = openDb(join(tmpDir(), 'a', 'nested', 'fresh.db'));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['datasets', 'events', 'items', 'models', 'sqlite_sequence', 'user_timelines', 'users']);
    db.close();
  });

  it('upgrades a database of the previous version and keeps its data', () => {
    const path = join(tmpDir(), 'old.db');
    const old = openDb(path, MIGRATIONS.slice(0, SCHEMA_VERSION - 1));
    expect(schemaVersion(old)).toBe(SCHEMA_VERSION - 1);
    old.prepare(`INSERT INTO datasets (name, source_name, source_size, source_hash, format, users, items, events, skipped_json, created_at)
                 VALUES ('old', 'old.csv', 1, 'h', 'csv', 0, 0, 0, '{}', 'then')`).run();
    old.close();
    const db = openDb(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT name FROM datasets').pluck().all()).toEqual(['old']);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name='models'").pluck().get()).toBe(1);
    db.close();
  });

  it('moves a version 2 store to ids that are never reused, keeping every row of every table', () => {
    const path = join(tmpDir(), 'v2.db');
    const old = openDb(path, MIGRATIONS.slice(0, 2));
    old.exec(`
      INSERT INTO datasets (id, name, source_name, source_size, source_hash, format, users, items, events, skipped_json, created_at)
        VALUES (1, 'a', 'a.csv', 1, 'ha', 'csv', 1, 1, 1, '{}', 'then'), (2, 'b', 'b.csv', 1, 'hb', 'csv', 1, 1, 1, '{}', 'then');
      INSERT INTO users VALUES (2, 0, 'u'); INSERT INTO items VALUES (2, 0, 'i', NULL);
      INSERT INTO events VALUES (2, 0, 0, 0, NULL, 0);
      INSERT INTO models (id, dataset_id, kind, config_json, config_hash, seed, backend, weights, curve_json, metrics_json, epochs, seconds, created_at)
        VALUES (7, 2, 'pop', '{}', 'h', 1, 'cpu', x'00', '[]', '{}', 1, 0, 'then');
      INSERT INTO explanations VALUES (7, 0, 0, 5, '{}');`);
    old.close();
    const db = openDb(path, MIGRATIONS.slice(0, 3));
    expect(schemaVersion(db)).toBe(3);
    // Rebuilding the tables that others reference must not cascade into them.
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM explanations').pluck().get()).toBe(1);
    expect(db.prepare('SELECT id FROM models').pluck().all()).toEqual([7]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The newest of each is deleted; the next one still gets a fresh id.
    db.prepare('DELETE FROM datasets WHERE id = 2').run();
    expect(db.prepare('SELECT count(*) FROM models').pluck().get()).toBe(0); // cascaded
    const next = db
      .prepare(`INSERT INTO datasets (name, source_name, source_size, source_hash, format, users, items, events, skipped_json, created_at)
                VALUES ('c', 'c.csv', 1, 'hc', 'csv', 0, 0, 0, '{}', 'now')`)
      .run();
    expect(Number(next.lastInsertRowid)).toBe(3);
    db.close();
  });

  it('drops the never-written runs and explanations tables from a version 3 store, keeping every other row', () => {
    const path = join(tmpDir(), 'v3.db');
    const old = openDb(path, MIGRATIONS.slice(0, 3));
    old.exec(`
      INSERT INTO datasets (id, name, source_name, source_size, source_hash, format, users, items, events, skipped_json, created_at)
        VALUES (4, 'a', 'a.csv', 1, 'ha', 'csv', 1, 2, 2, '{}', 'then');
      INSERT INTO users VALUES (4, 0, 'u'); INSERT INTO items VALUES (4, 0, 'i', 'An item'), (4, 1, 'j', NULL);
      INSERT INTO events VALUES (4, 0, 0, 0, 5, 10), (4, 1, 0, 1, NULL, 20);
      INSERT INTO models (id, dataset_id, kind, config_json, config_hash, seed, backend, weights, curve_json, metrics_json, epochs, seconds, created_at)
        VALUES (9, 4, 'bpr', '{"dim":8}', 'h', 3, 'cpu', x'0102', '[1]', '{"hr":0.5}', 2, 0.25, 'then');`);
    const snapshot = (db: typeof old) =>
      ['datasets', 'users', 'items', 'events', 'models'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
    const rows = snapshot(old);
    old.close();
    const db = openDb(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(snapshot(db)).toEqual(rows);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('runs', 'explanations')").all()).toEqual([]);
    // Deleting still cascades, and the next model still gets a fresh id.
    db.prepare('DELETE FROM models WHERE id = 9').run();
    const next = db
      .prepare(`INSERT INTO models (dataset_id, kind, config_json, config_hash, seed, backend, weights, curve_json, metrics_json, epochs, seconds, created_at)
                VALUES (4, 'pop', '{}', 'h', 1, 'cpu', x'00', '[]', '{}', 1, 0, 'now')`)
      .run();
    expect(Number(next.lastInsertRowid)).toBe(10);
    db.prepare('DELETE FROM datasets WHERE id = 4').run();
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer version, untouched', () => {
    const path = join(tmpDir(), 'future.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE from_the_future (x)');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDb(path)).toThrow(NewerDatabaseError);
    expect(() => openDb(path)).toThrow(/newer RUM workbench/);
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE name='datasets'").pluck().get()).toBe(0);
    after.close();
  });

  it('rolls back a migration step that fails, leaving the version where it was', () => {
    const path = join(tmpDir(), 'broken.db');
    expect(() => openDb(path, [MIGRATIONS[0], 'CREATE TABLE ok (x); THIS IS NOT SQL;'])).toThrow();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name='ok'").pluck().get()).toBe(0);
    db.close();
  });
});
