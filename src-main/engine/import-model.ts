// import-model (docs/contract.md): a model trained elsewhere (scale/train_rum.py under torchrun,
// or another workbench's export-model) brought into the store, where every view then works on it.
// The file is the export-model format. It is checked against the dataset before anything is
// written: the kind, the settings, the users and items of the dataset's split under the file's
// own filter, every table's shape. The model is then evaluated by the workbench's own protocol,
// so its stored metrics are the workbench's, with the file's own figures kept beside them.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { splitTimelines } from '../core/dataset/split';
import { InputError } from '../core/errors';
import { jsonErrorWhere } from '../core/json-where';
import { ModelFile } from '../core/model/model-file';
import { MODEL_KINDS } from '../core/model/catalog';
import { modelSpec } from '../core/model/registry';
import type { Weights } from '../core/model/model';
import { DEFAULT_CONFIG, effectiveConfig, NUMERIC_SETTINGS, validateConfig, type TrainConfig } from '../core/train/config';
import { evaluateSplit, type Evaluation } from '../core/train/protocol';
import { getDataset, itemRecords, userIds } from '../store/datasets';
import { loadUserTimelines } from '../store/user-timelines';
import type { Db } from '../store/db';
import { IMPORTED_BACKEND, saveModel, type ModelRecord } from '../store/models';
import { initBackend } from './backend';
import { rankerFor } from './ranker';

/** A model file's text is held whole while it is parsed: past this it is refused up front. */
export const MAX_MODEL_FILE_BYTES = 400 * 1024 * 1024;

export interface ImportModelOptions {
  datasetId: number;
  file: string;
  /** The name errors give the file (an upload's own name); its base name by default. */
  name?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
  /** Called once every check has passed, just before the model is written: no cancel after it. */
  beforeSave?: () => void;
}

/** Under `metrics.imported` of an imported model: where it came from and what it said of itself. */
export interface ImportedFrom {
  file: string;
  sha256: string;
  /** The file's own `trainedBy` (tool, world size, device), if it gave one. */
  trainedBy: unknown;
  /** The file's own test evaluation (`metrics.test`), if it gave one, beside the workbench's. */
  reported: Evaluation | null;
  /** Largest |workbench - reported| over the five metrics; null without reported figures. */
  largestDifference: number | null;
}

export interface ImportModelResult {
  model: ModelRecord;
  imported: ImportedFrom;
}

export async function importModelFile(db: Db, opts: ImportModelOptions): Promise<ImportModelResult> {
  const name = opts.name ?? basename(opts.file);
  const progress = (fraction: number, message: string) => {
    if (opts.signal?.aborted) throw Object.assign(new Error('import-model cancelled'), { name: 'AbortError' });
    opts.onProgress?.(fraction, message);
  };
  const dataset = getDataset(db, opts.datasetId);
  if (!dataset) throw new InputError(`no dataset ${opts.datasetId} (see: rum-workbench datasets)`);

  progress(0, 'reading the model file');
  const bytes = readModelBytes(opts.file, name);
  const doc = parseModelDoc(bytes.toString('utf8'), name);
  const config = configOf(doc, name);
  const spec = modelSpec(config.model);

  progress(0.2, 'checking the users and items against the dataset');
  const timelines = loadUserTimelines(db, opts.datasetId);
  const split = splitTimelines(timelines, { minUserEvents: config.minUserEvents, trainPercent: config.trainPercent });
  const dsUsers = userIds(db, opts.datasetId);
  const dsItems = itemRecords(db, opts.datasetId).ids;
  const where = `dataset ${opts.datasetId} ("${dataset.name}") split with minUserEvents ${config.minUserEvents}, trainPercent ${config.trainPercent}`;
  const userOrder = matchIds(doc.users, 'users', Array.from(split.userOf, (u) => dsUsers[u]), name, where, (id) => {
    const at = dsUsers.indexOf(id);
    return at < 0 ? 'not in the dataset' : `${timelines.start[at + 1] - timelines.start[at]} events, fewer than minUserEvents ${config.minUserEvents}`;
  });
  const itemOrder = matchIds(doc.items, 'items', Array.from(split.itemOf, (i) => dsItems[i]), name, where, (id) =>
    dsItems.includes(id) ? 'bought only by users the filter leaves out' : 'not in the dataset',
  );

  progress(0.3, 'reading the tables');
  let weights: Weights;
  try {
    weights = spec.importJson(new ModelFile(doc, itemOrder, userOrder), config);
  } catch (e) {
    throw new InputError(`${name}: ${(e as Error).message}`);
  }

  progress(0.5, 'evaluating on the test part');
  await initBackend();
  const test = evaluateSplit(split, rankerFor(weights), config.n, spec.historyLength(weights), 'test');
  const imported: ImportedFrom = {
    file: name,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    trainedBy: doc.trainedBy ?? null,
    reported: reportedTest(doc),
    largestDifference: null,
  };
  if (imported.reported) {
    const keys = ['precision', 'recall', 'f1', 'hr', 'ndcg'] as const;
    imported.largestDifference = Math.max(...keys.map((k) => Math.abs(test.metrics[k] - imported.reported!.metrics[k])));
  }

  progress(0.95, 'saving');
  // Another process (the CLI next to the app) may have deleted the dataset meanwhile.
  if (!getDataset(db, opts.datasetId)) throw new InputError(`dataset ${opts.datasetId} was deleted while the model was checked; nothing was saved`);
  opts.beforeSave?.();
  const model = saveModel(db, {
    datasetId: opts.datasetId,
    kind: config.model,
    config,
    seed: config.seed,
    backend: IMPORTED_BACKEND,
    curve: [],
    metrics: { test, imported },
    epochs: wholeOr(doc.epochs, 0),
    seconds: numberOr(doc.seconds, 0),
    arrays: { weights, itemOf: split.itemOf, userOf: split.userOf },
  });
  return { model, imported };
}

function readModelBytes(file: string, name: string): Buffer {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new InputError(`${name}: cannot read the model file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (size > MAX_MODEL_FILE_BYTES) throw new InputError(`${name}: ${(size / 1048576).toFixed(0)} MB, over the ${MAX_MODEL_FILE_BYTES / 1048576} MB a model file may have`);
  return readFileSync(file);
}

interface ModelDoc extends Record<string, unknown> {
  model: string;
  users: unknown[];
  items: unknown[];
  config: Record<string, unknown>;
}

function parseModelDoc(text: string, name: string): ModelDoc {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const where = jsonErrorWhere(text);
    throw new InputError(`${name}: not JSON (${where ? `line ${where.line}, column ${where.column}: ${where.problem}` : (e as Error).message})`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(`${name}: the model file must be one JSON object (the export-model format)`);
  const d = doc as Record<string, unknown>;
  if (typeof d.model !== 'string') throw new InputError(`${name}: "model" must name the model's kind (${MODEL_KINDS.join(', ')})`);
  if (!(MODEL_KINDS as readonly string[]).includes(d.model)) throw new InputError(`${name}: unknown model kind "${d.model}" (known: ${MODEL_KINDS.join(', ')})`);
  for (const key of ['users', 'items'] as const) if (!Array.isArray(d[key])) throw new InputError(`${name}: "${key}" must be the array of ${key.slice(0, -1)} ids the tables' rows follow`);
  if (d.config === null || typeof d.config !== 'object' || Array.isArray(d.config)) throw new InputError(`${name}: "config" must be an object of settings (dim, slots, alpha, beta, ...)`);
  return d as ModelDoc;
}

/**
 * The settings: the defaults, with every number setting the file names laid over them, then the
 * kind's fixed ones (BPR-MF alpha 0, ...). Keys the workbench has no setting for are ignored.
 */
function configOf(doc: ModelDoc, name: string): TrainConfig {
  const config: TrainConfig = { ...DEFAULT_CONFIG, model: doc.model as TrainConfig['model'] };
  const numbers = config as unknown as Record<string, number>;
  for (const key of NUMERIC_SETTINGS) {
    const v = doc.config[key];
    if (v === undefined) continue;
    if (typeof v !== 'number') throw new InputError(`${name}: config.${key} must be a number, got ${JSON.stringify(v)}`);
    numbers[key] = v;
  }
  // One trains with a thread count, not a model property: an import records it as 1.
  config.threads = 1;
  try {
    validateConfig(config);
  } catch (e) {
    throw new InputError(`${name}: config: ${(e as Error).message}`);
  }
  return effectiveConfig(config);
}

/**
 * The file's row order in the model's: file row r is model row order[r]. The file must list
 * exactly the split's ids, each once; otherwise what differs is named, with why an id the file
 * has is not in the split.
 */
function matchIds(fileIds: unknown[], key: 'users' | 'items', splitIds: string[], name: string, where: string, whyMissing: (id: string) => string): Int32Array {
  const index = new Map(splitIds.map((id, k) => [id, k]));
  const order = new Int32Array(fileIds.length);
  const seen = new Uint8Array(splitIds.length);
  const extra: string[] = [];
  for (let r = 0; r < fileIds.length; r++) {
    const id = fileIds[r];
    if (typeof id !== 'string') throw new InputError(`${name}: ${key}[${r}] must be an id string, got ${JSON.stringify(id)}`);
    const k = index.get(id);
    if (k === undefined) {
      extra.push(id);
      continue;
    }
    if (seen[k]) throw new InputError(`${name}: ${key} lists "${id}" twice (rows ${fileIds.indexOf(id)} and ${r})`);
    seen[k] = 1;
    order[r] = k;
  }
  const missing = splitIds.filter((_, k) => !seen[k]);
  if (extra.length === 0 && missing.length === 0) return order;
  const show = (ids: string[], why?: (id: string) => string) =>
    ids
      .slice(0, 3)
      .map((id) => (why ? `"${id}" (${why(id)})` : `"${id}"`))
      .join(', ') + (ids.length > 3 ? ', ...' : '');
  const parts = [`${name} does not fit ${where}: the file has ${fileIds.length} ${key}, the split ${splitIds.length}`];
  if (extra.length) parts.push(`${extra.length} of the file's ${key} are not in the split: ${show(extra, whyMissing)}`);
  if (missing.length) parts.push(`${missing.length} of the split's ${key} are not in the file: ${show(missing)}`);
  throw new InputError(parts.join('; '));
}

/** The file's own test figures, when it gives them in the shape of an Evaluation. */
function reportedTest(doc: ModelDoc): Evaluation | null {
  const t = (doc.metrics as { test?: unknown } | undefined)?.test as Partial<Evaluation> | undefined;
  const m = t?.metrics as unknown as Record<string, unknown> | undefined;
  if (!t || !m || !['precision', 'recall', 'f1', 'hr', 'ndcg'].every((k) => typeof m[k] === 'number')) return null;
  return { metrics: t.metrics!, users: numberOr(t.users, 0), n: numberOr(t.n, 0) };
}

function numberOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

function wholeOr(v: unknown, fallback: number): number {
  return Number.isInteger(v) && (v as number) >= 0 ? (v as number) : fallback;
}

