// The one contract of every call the UI can make. The Electron preload, the web host and the
// renderer's client are all typed from this file, and every argument is validated with these
// zod schemas where it arrives (main process or HTTP server), never trusted from the renderer.
// Pure: zod only, so the renderer can import it too.
import { z } from 'zod';
import { GRADIENTS, gradientsProblem, MODEL_KINDS, modelProblem, settingProblem, type NumericSetting } from '../core/train/config';
import { STEPS_PATTERN, STEPS_USAGE } from '../report/steps';

// Row types the UI receives, re-exported so the renderer need not (and may not) import the store.
export type { DatasetRow, DeletedDataset } from '../store/datasets';
export type { TrainProgress } from '../core/train/trainer';
// The model catalogue, pure data (core/model/catalog.ts): each kind's title and which settings it
// fixes or has no use for, so the UI names and offers models from the list the registry holds.
export { MODEL_CATALOG, type ModelKind } from '../core/model/catalog';
export { settingUse, type ModelMeta, type SettingUse } from '../core/model/meta';
// One palette for the app's charts and the reports (core/palette.ts).
export { PALETTE, PATTERN_MARKS, heatColour } from '../core/palette';

const id = z.number().int().nonnegative();
const modelKind = z.enum(MODEL_KINDS, { error: (issue) => modelProblem(issue.input) });
const format = z.enum(['auto', 'csv', 'tsv', 'semicolon', 'pipe', 'dat', 'jsonl', 'recbole']);
const reportFormat = z.enum(['html', 'pdf', 'csv', 'json']);
/** The tfjs backends a training may ask for first (engine/backend.ts; services.ts checks they agree). */
const backend = z.enum(['tensorflow', 'wasm', 'cpu']);

/** The values of the contract's choices, so a host that words its own messages (the CLI's flags) names the same list. */
export const IMPORT_FORMATS = format.options;
export const REPORT_FORMATS = reportFormat.options;
export const TRAIN_BACKENDS = backend.options;

/** Where an imported file comes from: a path (Electron's dialog, drag and drop) or a browser upload. */
const fileSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('upload'), uploadId: z.string().regex(/^[a-f0-9]{32}$/), name: z.string().max(255) }),
]);

/** A numeric training setting, checked by core/train/config.ts with its own limits and words. */
const setting = (name: NumericSetting) =>
  z.number({ error: (issue) => settingProblem(name, issue.input) }).superRefine((v, ctx) => {
    const problem = settingProblem(name, v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const trainSettings = z
  .object({
    model: modelKind,
    dim: setting('dim'),
    slots: setting('slots'),
    alpha: setting('alpha'),
    beta: setting('beta'),
    epochs: setting('epochs'),
    lr: setting('lr'),
    l2: setting('l2'),
    negatives: setting('negatives'),
    seed: setting('seed'),
    minUserEvents: setting('minUserEvents'),
    batchSize: setting('batchSize'),
    patience: setting('patience'),
    threads: setting('threads'),
    n: setting('n'),
    gradients: z.enum(GRADIENTS, { error: (issue) => gradientsProblem(issue.input) }),
  })
  .partial()
  .strict();

/** Every call: its input schema; calls marked `job` return a jobId at once and report through events. */
export const CONTRACT = {
  listDatasets: { input: z.object({}).strict() },
  datasetSummary: { input: z.object({ datasetId: id }).strict() },
  importDataset: {
    job: true,
    input: z
      .object({
        source: fileSource,
        itemsSource: fileSource.optional(),
        name: z.string().max(200).optional(),
        format: format.optional(),
        columns: z.string().max(500).optional(),
        skipBadRows: z.boolean().optional(),
      })
      .strict(),
  },
  listModels: { input: z.object({ datasetId: id.optional() }).strict() },
  trainModel: {
    job: true,
    // backend: the tfjs backend to try first (the CLI's --backend); by default the fastest that loads.
    input: z.object({ datasetId: id, settings: trainSettings, force: z.boolean().optional(), backend: backend.optional() }).strict(),
  },
  alphaSweep: {
    job: true,
    input: z.object({ datasetId: id, alphas: z.array(z.number().min(0).max(10)).min(1).max(20), settings: trainSettings }).strict(),
  },
  // N is the training setting's N, with its limits and words (core/train/config.ts).
  evaluateModel: { input: z.object({ modelId: id, n: setting('n').optional() }).strict() },
  listUsers: {
    // sort: 'events' (longest first), 'hitRate' (test HR@N, best first), 'misses' (most test steps
    // ranked below N first); the last two and onlyMisses rank every user's test part (engine/user-ranks.ts).
    input: z
      .object({
        modelId: id,
        query: z.string().max(200).optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(5000).optional(),
        sort: z.enum(['user', 'events', 'hitRate', 'misses']).optional(),
        minEvents: z.number().int().min(0).optional(),
        maxEvents: z.number().int().min(0).optional(),
        onlyMisses: z.boolean().optional(),
      })
      .strict(),
  },
  explainStep: {
    // shapleyFor: Shapley values for the first N recommendations only (default all; the candidate always), each O(2^K).
    input: z.object({ modelId: id, user: z.string().max(500), step: z.number().int().min(0).optional(), top: z.number().int().min(1).max(100).optional(), item: z.string().max(500).optional(), shapleyFor: z.number().int().min(0).max(100).optional() }).strict(),
  },
  /** Top-1 agreement and Kendall tau between attention and Shapley values over a model's steps (engine/attention-trust.ts). */
  attentionTrust: { input: z.object({ modelId: id }).strict() },
  /**
   * Which earlier item drives which later purchase over every user's steps, or a seeded sample of
   * users on large data (engine/influences.ts): a job, since exact Shapley values at K = 20 take
   * seconds over the demo. top: pairs answered, at most the 1,000 the services keep per map.
   */
  influenceMap: {
    job: true,
    input: z
      .object({
        modelId: id,
        by: z.enum(['shapley', 'attention']).optional(),
        part: z.enum(['train', 'all']).optional(),
        top: z.number().int().min(1).max(1000).optional(),
        users: z.union([z.number().int().min(1), z.literal('all')]).optional(),
        seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
      })
      .strict(),
  },
  /**
   * What-if (engine/whatif.ts): the explanation at a step with the purchases before it edited
   * (by real steps; items by id), beside the real one; `minimal`: an item of the edited top N to
   * find the smallest set of memory purchases that takes it out. Interactive: no job.
   */
  whatIf: {
    input: z
      .object({
        modelId: id,
        user: z.string().max(500),
        step: z.number().int().min(0).optional(),
        top: z.number().int().min(1).max(100).optional(),
        edits: z
          .array(
            z.union([
              z.object({ remove: z.number().int() }).strict(),
              z.object({ move: z.number().int(), to: z.number().int() }).strict(),
              z.object({ insert: z.string().max(500), at: z.number().int() }).strict(),
            ]),
          )
          .max(200),
        minimal: z.string().max(500).optional(),
      })
      .strict(),
  },
  /**
   * A model's users in slices by a rule (engine/slices.ts): per slice the test metrics with
   * standard errors, attention trust and strongest influences; a job (it ranks every test user).
   */
  modelSlices: {
    job: true,
    input: z
      .object({
        modelId: id,
        by: z.enum(['length', 'hit', 'first-date', 'item']),
        bins: z.number().int().min(1).max(20).optional(),
        item: z.string().max(500).optional(),
      })
      .strict(),
  },
  /**
   * A model trained elsewhere, in the export-model format (scale/train_rum.py writes it), checked
   * against the dataset's split and evaluated here (engine/import-model.ts); a job.
   */
  importModel: { job: true, input: z.object({ datasetId: id, source: fileSource }).strict() },
  timeline: {
    // ranks: false leaves out each step's rank and the metrics (a full ranking per step), for a first quick draw.
    input: z.object({ modelId: id, user: z.string().max(500), minWeight: z.number().min(0).max(1).optional(), minFollowers: z.number().int().min(2).max(1000).optional(), ranks: z.boolean().optional() }).strict(),
  },
  /**
   * The app's timeline in two calls: the attention as bare weights, drawn at once, then the rank at
   * every step (a full ranking per step, in a worker thread) on its own, so neither the first draw
   * nor the ranks carry the other's bytes (engine/explain-service.ts).
   */
  timelineWeights: {
    input: z.object({ modelId: id, user: z.string().max(500), minWeight: z.number().min(0).max(1).optional(), minFollowers: z.number().int().min(2).max(1000).optional() }).strict(),
  },
  timelineRanks: { input: z.object({ modelId: id, user: z.string().max(500) }).strict() },
  /** Two models of one dataset on the same user and step: both top-N lists, where they differ and why (engine/compare-step.ts). */
  compareStep: {
    input: z.object({ modelId: id, otherModelId: id, user: z.string().max(500), step: z.number().int().min(0).optional(), top: z.number().int().min(1).max(50).optional() }).strict(),
  },
  /** Items of a model found by id or title (case-insensitive substring), for "why not X?" and filters. */
  searchItems: { input: z.object({ modelId: id, query: z.string().max(200), limit: z.number().int().min(1).max(200).optional() }).strict() },
  exportReport: {
    job: true,
    // steps: which steps the report details (report/steps.ts): all, hits, misses, T or A-B; by
    // default HTML and PDF detail the most telling ones after a summary, JSON and CSV keep all.
    // Without user: the model report (docs/contract.md, `report --global`): metrics, attention
    // trust, the map of influences and slices of users; html, pdf or json, no steps.
    input: z.object({ modelId: id, user: z.string().max(500).optional(), format: reportFormat, path: z.string().max(4096).optional(), steps: z.string().trim().toLowerCase().regex(STEPS_PATTERN, STEPS_USAGE).optional() }).strict(),
  },
  /** A model's weights and settings as plain JSON (docs/contract.md, `export-model`). */
  exportModel: { input: z.object({ modelId: id }).strict() },
  deleteModel: { input: z.object({ modelId: id }).strict() },
  deleteDataset: { input: z.object({ datasetId: id }).strict() },
  renameDataset: { input: z.object({ datasetId: id, name: z.string().trim().min(1, 'a dataset name cannot be empty').max(200) }).strict() },
  cancelJob: { input: z.object({ jobId: z.string().max(64) }).strict() },
  appInfo: { input: z.object({}).strict() },
} as const;

export type Method = keyof typeof CONTRACT;
export type Input<M extends Method> = z.infer<(typeof CONTRACT)[M]['input']>;
export const METHODS = Object.keys(CONTRACT) as Method[];
export const isJob = (m: Method): boolean => 'job' in CONTRACT[m];

import type { ApiErrorBody, JobEvent } from '../jobs/job-event';
import type { Result } from './results';
export type { ApiErrorBody, JobEvent, Result };

/** Validates a call; throws a ZodError naming the bad field. */
export function parseInput<M extends Method>(method: M, input: unknown): Input<M> {
  return CONTRACT[method].input.parse(input ?? {}) as Input<M>;
}

/** The object the Electron preload exposes (window.rumApi) and the web client implements. */
export interface RumApi {
  /** Answers the call's result type (api/results.ts), so a host and the UI cannot disagree on it. */
  call<M extends Method>(method: M, input: Input<M>): Promise<Result<M>>;
  onEvent(listener: (e: JobEvent) => void): () => void;
}

/**
 * Menu items that need the renderer. "Open dataset…" is done in main (dialogs, then the import
 * job) and only announces its job; "Export report…" needs the model and user on screen, which
 * only the renderer knows, so it asks the renderer to call exportReport (main then shows the
 * save dialog). Paths never travel from main to the renderer.
 */
export type MenuEvent = { action: 'import-started'; jobId: string } | { action: 'export-report' };

/**
 * window.rumApi in the desktop app: the contract plus the two things only a desktop shell has.
 * `call` rejects with an ApiErrorBody (plain data: an Error crossing the bridge loses its fields).
 */
export interface DesktopApi extends RumApi {
  /** The path of a file dropped on the window (File.path is gone since Electron 32). */
  pathForFile(file: File): string;
  onMenu(listener: (e: MenuEvent) => void): () => void;
}
