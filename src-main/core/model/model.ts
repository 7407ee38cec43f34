// What a model kind is, the shape RecBole's model classes have: its meta (name, settings, loss;
// meta.ts), its parameters (Weights: named tensors), how it scores every item for a user after a
// history, what its memory attends to at a step, how it ranks for evaluation and how it trains.
// Hosts, services, the trainer, the store and the engine go through the registry (registry.ts)
// instead of switching on the kind; adding a model is one folder here, its meta in catalog.ts and
// its spec in registry.ts (docs/architecture.md, "How to add a model").
import type { Split } from '../dataset/split';
import type { Rng } from '../random';
import type { TrainConfig } from '../train/config';
import type { RankFn } from '../train/protocol';
import type { ModelMeta } from './meta';
import type { ModelFile } from './model-file';
import type { AdamMoments } from './rum-item/kernel';
import type { RumItemParams } from './rum-item/params';
import type { StepScores } from './step-scores';

/** One parameter array: row-major float32 data and its shape (product of the shape = length). */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * A trained model's parameters as stored and passed around: its kind, its own settings (a small
 * JSON object; RUM's effective dim, slots, alpha, beta) and named tensors (RUM: `item`, `user`;
 * MostPopular: `counts`; a GRU its gate matrices; SASRec its layers). The store writes any kind's
 * weights the same way (store/weights-codec.ts); only the model's own folder reads the names.
 */
export interface Weights {
  readonly kind: string;
  readonly config: Readonly<Record<string, number>>;
  readonly tensors: Readonly<Record<string, Tensor>>;
}

/** What the memory holds at one step and how a candidate attends to it (empty for a model without one). */
export interface MemoryAttention {
  /** The items read, oldest first. */
  memory: Int32Array;
  /** The candidate's attention on each, summing to 1 when any is read. */
  attention: Float64Array;
}

/** The memory at one step as the explanations read it (ModelSpec.explainAt). */
export interface StepRead {
  scores: StepScores;
  /**
   * Per slot, oldest first: the purchase it holds (model item index) and its timeline step; for
   * a latent slot (feature-level RUM), item -1 and step -1.
   */
  slots: { item: number; step: number }[];
}

/**
 * One step's scores for a kind whose logit does not split over what it reads (SASRec: layers of
 * attention and feed-forward between the purchases and the logit): no intrinsic part, no per-slot
 * share, no Shapley game. What it does have is exact: its attention over the purchases read, and
 * every item's logit recomputed with one of those purchases left out of the history.
 */
export interface LeaveOutScores {
  readonly additive: false;
  readonly nItems: number;
  /** Purchases read at the step. */
  readonly slots: number;
  readonly logit: Float64Array;
  /** The attention over the slots for item i (SASRec's is the same for every item). */
  attention(i: number): number[];
  /** Every item's logit from the history without slot k's purchase (the model run again). */
  allWithoutSlot(k: number, out?: Float64Array): Float64Array;
  /** Why the logit has no parts, in a sentence shown where shares and Shapley values would be. */
  readonly note: string;
}

/** The reading of one step of a kind with LeaveOutScores (ModelSpec.leaveOutAt). */
export interface LeaveOutRead {
  scores: LeaveOutScores;
  /** Per slot, oldest first: the purchase it holds and its timeline step. */
  slots: { item: number; step: number }[];
}

/** A model being trained, as the generic loop (core/train/trainer.ts) drives it epoch by epoch. */
export interface Training {
  /** Examples per epoch (the per-epoch loss is their mean). */
  readonly examples: number;
  /** Batches this thread trains per epoch. */
  readonly batches: number;
  /** Starts an epoch: draws its order from the trainer's random stream and hands a helper thread its part. */
  beginEpoch(epoch: number): void;
  /** Trains batch `b` of the epoch; returns the loss summed over its examples and how many there were. */
  trainBatch(b: number): { lossSum: number; examples: number };
  /** Waits for this epoch's other part (a helper thread); its loss sum, 0 when there is none. */
  endEpoch(): number;
  /** The live weights, for validation after an epoch (not a copy). */
  current(): Weights;
  /** A copy of the live weights, kept as the best epoch's. */
  snapshot(): Weights;
  /** Stops helper threads; safe to call more than once. */
  close(): void;
}

/** What the trainer hands a model's training besides the split and settings. */
export interface TrainingContext {
  /** The fitting part's end per user (the rest of the training part validates). */
  fitEnd: Int32Array;
  /** The run's random stream: initialisation first, then each epoch's order and negatives. */
  rng: Rng;
  /** Starts a second training thread on shared tables when config.threads > 1 (the host owns threads). */
  epochHelper?: (shared: SharedTraining) => EpochHelper;
}

/**
 * What a second thread needs to train part of every epoch on the same tables. Today the RUM
 * family's tables (a model without a helper fixes threads to 1 in its meta); a model with other
 * tables would widen this to a union on `config.model`.
 */
export interface SharedTraining {
  split: Split;
  fitEnd: Int32Array;
  /** The effective config (baselines already mapped onto RUM). */
  config: TrainConfig;
  /** Tables in SharedArrayBuffers: both threads read and write them without locks (Hogwild). */
  params: RumItemParams;
  /** Adam's moments, shared the same way. */
  moments: AdamMoments;
  /** Adam's step count over both threads, in a SharedArrayBuffer (one element). */
  adamSteps: Int32Array;
}

/**
 * A second training thread. Per epoch the trainer hands it one part of the shuffled order,
 * trains the other part itself, then blocks in wait() until the helper's part is done.
 */
export interface EpochHelper {
  /** Begins training examples order[from, to) of this epoch; returns at once. */
  start(epoch: number, order: Int32Array, from: number, to: number): void;
  /** Blocks until that part is trained (or stopped); its loss summed over its examples. */
  wait(): { lossSum: number };
  /** Stops the helper for good; safe to call more than once. */
  close(): void;
}

export interface ModelSpec extends ModelMeta {
  /**
   * How many of the last purchases it reads: the evaluation hands each user that much history
   * (core/model/memory.ts). Infinity for a model that reads the whole history (a recurrent one).
   */
  historyLength(weights: Weights): number;
  /** Logits (or scores) of every item for `user` after `history` (oldest first; negative = padding). */
  score(weights: Weights, user: number, history: ArrayLike<number>, out?: Float32Array): Float32Array;
  /**
   * Optional, for walking one user's timeline in order (the rank at every step): `scores(t, out)`
   * equals score(weights, user, items before step t, out) to float32 rounding. A kind gives one
   * when consecutive steps can share work (RUM: the memory shifts by one purchase a step,
   * rum-item/item-columns.ts); weights must be a loaded model's, not ones being trained.
   */
  timelineScorer?(weights: Weights, user: number, items: Int32Array): (t: number, out: Float32Array) => Float32Array;
  /**
   * Kinds that explain (meta `explains`): at step t of a user's timeline `items`, every item's
   * score split over the memory's slots (StepScores) and what each slot holds, for core/explain.
   * Weights must be a loaded model's, not ones being trained.
   */
  explainAt?(weights: Weights, user: number, items: Int32Array): (step: number) => StepRead;
  /**
   * Kinds that explain but whose logit has no additive parts (SASRec): the same step reading with
   * leave-one-out logits in place of StepScores' parts. A kind gives explainAt or this, not both.
   */
  leaveOutAt?(weights: Weights, user: number, items: Int32Array): (step: number) => LeaveOutRead;
  /** A latent memory (meta `attends: 'latent'`): per slot, the items that load on it most, best first, to name it by. */
  latentSlotItems?(weights: Weights): number[][];
  /**
   * A latent memory: how each purchase of `items` wrote it, per step and slot (row-major, K per
   * step): the write attention z, the share erased and the size added. The timeline's
   * "writes per slot over time" in place of Figure 4.
   */
  latentWrites?(weights: Weights, items: Int32Array): { slots: number; z: Float64Array; erased: Float64Array; added: Float64Array };
  /** The memory after `history` and candidate `item`'s attention over it. */
  attention(weights: Weights, user: number, history: ArrayLike<number>, item: number): MemoryAttention;
  /**
   * Its own part of `export-model`'s JSON (docs/contract.md): the parameters as plain arrays, and
   * what is needed to recompute a score by hand from them. The effective settings (Weights.config)
   * are merged into the document's `config` by the caller.
   */
  exportJson(weights: Weights): Record<string, unknown>;
  /**
   * The inverse of exportJson, for `import-model`: the parameters of a model file trained
   * elsewhere, read through `file` (model-file.ts: shapes checked, rows in the model's order).
   * `config` is the effective settings (the kind's fixed ones laid over the file's).
   */
  importJson(file: ModelFile, config: TrainConfig): Weights;
  /** Full ranking in plain JS, for validation and the test (engine/ranker.ts picks it or rankTf). */
  rank(weights: Weights): RankFn;
  /** The same ranking on tfjs, used when a fast backend (wasm, tensorflow) runs. */
  rankTf?(weights: Weights): RankFn;
  /** Models with nothing to train (loss null): the whole fit. */
  fit?(split: Split, config: TrainConfig): Weights;
  /** Models with a loss: sets up training on a split with the effective settings. */
  startTraining?(split: Split, config: TrainConfig, context: TrainingContext): Training;
  /**
   * The helper thread's side of threads = 2 (jobs/train/epoch-helper-worker.ts): from what the
   * training shared, a function that trains some examples and returns their loss sum.
   */
  helperSlices?(shared: SharedTraining): (examples: Int32Array, rng: Rng, stopped: () => boolean) => number;
}

/** A tensor's data, or a clear error naming what is missing (weights of another kind, a damaged blob). */
export function tensorOf(weights: Weights, name: string): Float32Array {
  const t = weights.tensors[name];
  if (!t) throw new Error(`${weights.kind} weights have no tensor "${name}"`);
  return t.data;
}

/** A row-major table as plain arrays of `width` numbers, for export-model's JSON. */
export function tableRows(table: Float32Array, width: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < table.length / width; r++) out.push(Array.from(table.subarray(r * width, (r + 1) * width)));
  return out;
}

/** Weights with every tensor copied, e.g. to keep the best epoch while training goes on. */
export function cloneWeights(w: Weights): Weights {
  const tensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(w.tensors)) tensors[name] = { shape: [...t.shape], data: t.data.slice() };
  return { kind: w.kind, config: { ...w.config }, tensors };
}
