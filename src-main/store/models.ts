import { createHash } from 'node:crypto';
import type { TrainConfig } from '../core/train/config';
import type { EpochRecord } from '../core/train/trainer';
import type { Db } from './db';
import { decodeWeights, encodeWeights, type StoredArrays } from './weights-codec';

export interface ModelRecord {
  modelId: number;
  datasetId: number;
  kind: string;
  config: TrainConfig;
  configHash: string;
  seed: number;
  backend: string;
  curve: EpochRecord[];
  /** { test, validation, bestEpoch, stoppedEarly, ... } as the trainer reported them. */
  metrics: Record<string, unknown>;
  epochs: number;
  seconds: number;
  createdAt: string;
}

export interface NewModel extends Omit<ModelRecord, 'modelId' | 'configHash' | 'createdAt'> {
  arrays: StoredArrays;
}

/** Sorted-key JSON, so that the same settings always hash alike whatever their order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The cache key of a training: every setting, seed included (the backend is not part of it). */
export function configHash(config: TrainConfig): string {
  return createHash('sha256').update(canonical(config)).digest('hex').slice(0, 32);
}

const SELECT = `SELECT id AS modelId, dataset_id AS datasetId, kind, config_json, config_hash AS configHash, seed, backend,
  curve_json, metrics_json, epochs, seconds, created_at AS createdAt FROM models`;

function toRecord(r: Record<string, unknown> | undefined): ModelRecord | undefined {
  if (!r) return undefined;
  const { config_json, curve_json, metrics_json, ...rest } = r;
  return {
    ...(rest as unknown as ModelRecord),
    config: JSON.parse(config_json as string),
    curve: JSON.parse(curve_json as string),
    metrics: JSON.parse(metrics_json as string),
  };
}

export function getModel(db: Db, id: number): ModelRecord | undefined {
  return toRecord(db.prepare(`${SELECT} WHERE id = ?`).get(id) as Record<string, unknown> | undefined);
}

/** The `backend` of a model trained elsewhere and brought in by import-model (engine/import-model.ts). */
export const IMPORTED_BACKEND = 'imported';

/**
 * The newest model trained here with exactly these settings on this dataset, if any. A model
 * imported from a file (IMPORTED_BACKEND) is never a cached training:
 * the same settings elsewhere are not the same training.
 */
export function findCachedModel(db: Db, datasetId: number, config: TrainConfig): ModelRecord | undefined {
  return toRecord(
    db
      .prepare(`${SELECT} WHERE dataset_id = ? AND kind = ? AND config_hash = ? AND backend <> ? ORDER BY id DESC LIMIT 1`)
      .get(datasetId, config.model, configHash(config), IMPORTED_BACKEND) as
      | Record<string, unknown>
      | undefined,
  );
}

export function listModels(db: Db, datasetId?: number): ModelRecord[] {
  const rows = (datasetId === undefined
    ? db.prepare(`${SELECT} ORDER BY id`).all()
    : db.prepare(`${SELECT} WHERE dataset_id = ? ORDER BY id`).all(datasetId)) as Record<string, unknown>[];
  return rows.map((r) => toRecord(r)!);
}

export function loadModelArrays(db: Db, id: number): StoredArrays {
  const blob = db.prepare('SELECT weights FROM models WHERE id = ?').pluck().get(id) as Buffer | undefined;
  if (!blob) throw new Error(`no model ${id}`);
  return decodeWeights(blob);
}

/**
 * Stores a finished model in one transaction (weights, config, curve, metrics together), always
 * under a new id: a retrain never replaces an earlier model, whose id may be saved somewhere.
 */
export function saveModel(db: Db, m: NewModel): ModelRecord {
  const info = db
    .prepare(
      `INSERT INTO models (dataset_id, kind, config_json, config_hash, seed, backend, weights, curve_json, metrics_json,
         epochs, seconds, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    )
    .run(
      m.datasetId,
      m.kind,
      JSON.stringify(m.config),
      configHash(m.config),
      m.seed,
      m.backend,
      encodeWeights(m.arrays),
      JSON.stringify(m.curve),
      JSON.stringify(m.metrics),
      m.epochs,
      m.seconds,
      new Date().toISOString(),
    );
  return getModel(db, Number(info.lastInsertRowid))!;
}

/** Deletes a model; returns what was deleted, or undefined if no such model. */
export function deleteModel(db: Db, id: number): ModelRecord | undefined {
  return db.transaction(() => {
    const m = getModel(db, id);
    if (m) db.prepare('DELETE FROM models WHERE id = ?').run(id);
    return m;
  })();
}
