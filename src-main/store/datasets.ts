import type { ParsedLog } from '../core/dataset/accumulator';
import type { Interactions } from '../core/dataset/split';
import { InputError } from '../core/errors';
import type { Db } from './db';

export interface DatasetSource {
  name: string;
  sourceName: string;
  sourceSize: number;
  sourceHash: string;
  format: string;
  titlesName?: string;
}

export interface DatasetRow {
  datasetId: number;
  name: string;
  sourceName: string;
  sourceSize: number;
  sourceHash: string;
  format: string;
  titlesName: string | null;
  users: number;
  items: number;
  events: number;
  skipped: Record<string, number>;
  timeMin: number | null;
  timeMax: number | null;
  createdAt: string;
}

const SELECT = `SELECT id AS datasetId, name, source_name AS sourceName, source_size AS sourceSize,
  source_hash AS sourceHash, format, titles_name AS titlesName, users, items, events,
  skipped_json AS skipped, time_min AS timeMin, time_max AS timeMax, created_at AS createdAt FROM datasets`;

function toRow(r: Record<string, unknown> | undefined): DatasetRow | undefined {
  if (!r) return undefined;
  return { ...(r as unknown as DatasetRow), skipped: JSON.parse(r.skipped as string) };
}

export function listDatasets(db: Db): DatasetRow[] {
  return (db.prepare(`${SELECT} ORDER BY id`).all() as Record<string, unknown>[]).map((r) => toRow(r)!);
}

export function getDataset(db: Db, id: number): DatasetRow | undefined {
  return toRow(db.prepare(`${SELECT} WHERE id = ?`).get(id) as Record<string, unknown> | undefined);
}

export function findDatasetByHash(db: Db, hash: string): DatasetRow | undefined {
  return toRow(db.prepare(`${SELECT} WHERE source_hash = ?`).get(hash) as Record<string, unknown> | undefined);
}

/**
 * Stores a parsed log in ONE synchronous transaction: it lands whole or not at all, and no
 * await can interleave other writes (docs/architecture.md, "The store").
 */
export function saveDataset(db: Db, source: DatasetSource, log: ParsedLog, titles: ReadonlyMap<string, string>): DatasetRow {
  let timeMin = Infinity;
  let timeMax = -Infinity;
  for (const t of log.time) {
    if (t < timeMin) timeMin = t;
    if (t > timeMax) timeMax = t;
  }
  const id = db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO datasets (name, source_name, source_size, source_hash, format, titles_name, users, items, events,
           skipped_json, time_min, time_max, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        source.name,
        source.sourceName,
        source.sourceSize,
        source.sourceHash,
        source.format,
        source.titlesName ?? null,
        log.userIds.length,
        log.itemIds.length,
        log.user.length,
        JSON.stringify(log.skipped),
        Number.isFinite(timeMin) ? Math.round(timeMin) : null,
        Number.isFinite(timeMax) ? Math.round(timeMax) : null,
        new Date().toISOString(),
      );
    const datasetId = Number(info.lastInsertRowid);
    const insUser = db.prepare('INSERT INTO users (dataset_id, idx, ext_id) VALUES (?,?,?)');
    log.userIds.forEach((ext, idx) => insUser.run(datasetId, idx, ext));
    const insItem = db.prepare('INSERT INTO items (dataset_id, idx, ext_id, title) VALUES (?,?,?,?)');
    log.itemIds.forEach((ext, idx) => insItem.run(datasetId, idx, ext, titles.get(ext) ?? null));
    const insEvent = db.prepare('INSERT INTO events (dataset_id, seq, user_idx, item_idx, rating, time_ms) VALUES (?,?,?,?,?,?)');
    const { user, item, rating, time } = log;
    for (let e = 0; e < user.length; e++) {
      insEvent.run(
        datasetId,
        e,
        user[e],
        item[e],
        Number.isNaN(rating[e]) ? null : rating[e],
        Number.isNaN(time[e]) ? null : Math.round(time[e]),
      );
    }
    return datasetId;
  })();
  return getDataset(db, id)!;
}

export interface DeletedDataset {
  datasetId: number;
  name: string;
  events: number;
  /** The ids of the models trained on it, deleted with it. */
  models: number[];
}

/**
 * Deletes a dataset with its users, items, events and models (the foreign keys cascade) in one
 * transaction; undefined if there is no such dataset.
 */
export function deleteDataset(db: Db, id: number): DeletedDataset | undefined {
  return db.transaction(() => {
    const ds = getDataset(db, id);
    if (!ds) return undefined;
    const models = db.prepare('SELECT id FROM models WHERE dataset_id = ? ORDER BY id').pluck().all(id) as number[];
    db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
    return { datasetId: id, name: ds.name, events: ds.events, models };
  })();
}

export const MAX_DATASET_NAME = 200;

/** Renames a dataset; the name is trimmed and may not be empty. Undefined if there is no such dataset. */
export function renameDataset(db: Db, id: number, name: string): DatasetRow | undefined {
  const trimmed = name.trim();
  if (!trimmed) throw new InputError('a dataset name cannot be empty');
  if (trimmed.length > MAX_DATASET_NAME) throw new InputError(`a dataset name has at most ${MAX_DATASET_NAME} characters (this one has ${trimmed.length})`);
  const info = db.prepare('UPDATE datasets SET name = ? WHERE id = ?').run(trimmed, id);
  return info.changes ? getDataset(db, id) : undefined;
}

/** The events of a dataset in file order, as compact columns for the engine. */
export function loadInteractions(db: Db, datasetId: number): Interactions {
  const ds = getDataset(db, datasetId);
  if (!ds) throw new Error(`no dataset ${datasetId}`);
  const user = new Int32Array(ds.events);
  const item = new Int32Array(ds.events);
  const time = new Float64Array(ds.events);
  let e = 0;
  const rows = db
    .prepare('SELECT user_idx, item_idx, time_ms FROM events WHERE dataset_id = ? ORDER BY seq')
    .raw()
    .iterate(datasetId) as IterableIterator<[number, number, number | null]>;
  for (const [u, i, t] of rows) {
    user[e] = u;
    item[e] = i;
    time[e] = t ?? NaN;
    e++;
  }
  return { nUsers: ds.users, nItems: ds.items, user, item, time };
}

export function userIds(db: Db, datasetId: number): string[] {
  return (db.prepare('SELECT ext_id FROM users WHERE dataset_id = ? ORDER BY idx').pluck().all(datasetId) as string[]);
}

export function itemRecords(db: Db, datasetId: number): { ids: string[]; titles: (string | null)[] } {
  const rows = db.prepare('SELECT ext_id, title FROM items WHERE dataset_id = ? ORDER BY idx').raw().all(datasetId) as [
    string,
    string | null,
  ][];
  return { ids: rows.map((r) => r[0]), titles: rows.map((r) => r[1]) };
}
