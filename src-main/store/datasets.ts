import type { LogSummary } from '../core/dataset/accumulator';
import type { Interactions } from '../core/dataset/split';
import { InputError } from '../core/errors';
import type { Db } from './db';
import { eventPages } from './event-pages';

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

/** A log read for the store: its summary, and where its events wait (store/import-staging.ts). */
export interface DatasetContent {
  summary: LogSummary;
  /** Writes the events of dataset `datasetId`; called inside the save's transaction. */
  writeEvents(datasetId: number): void;
}

/**
 * Stores a read log in ONE synchronous transaction: it lands whole or not at all, and no
 * await can interleave other writes (docs/architecture.md, "The store").
 */
export function saveDataset(db: Db, source: DatasetSource, content: DatasetContent, titles: ReadonlyMap<string, string>): DatasetRow {
  const log = content.summary;
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
        log.events,
        JSON.stringify(log.skipped),
        log.timeMin,
        log.timeMax,
        new Date().toISOString(),
      );
    const datasetId = Number(info.lastInsertRowid);
    const insUser = db.prepare('INSERT INTO users (dataset_id, idx, ext_id) VALUES (?,?,?)');
    log.userIds.forEach((ext, idx) => insUser.run(datasetId, idx, ext));
    const insItem = db.prepare('INSERT INTO items (dataset_id, idx, ext_id, title) VALUES (?,?,?,?)');
    log.itemIds.forEach((ext, idx) => insItem.run(datasetId, idx, ext, titles.get(ext) ?? null));
    content.writeEvents(datasetId);
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
  let read = 0;
  for (const page of eventPages(db, datasetId, ds.events)) {
    for (let k = 0; k < page.seq.length; k++) {
      const e = page.seq[k];
      user[e] = page.user[k];
      item[e] = page.item[k];
      time[e] = page.time[k] ?? NaN;
    }
    read += page.seq.length;
  }
  // Every import numbers its events 0..events-1; anything else is a damaged store.
  if (read !== ds.events) throw new Error(`dataset ${datasetId} should hold ${ds.events} events but holds ${read}`);
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
