import { InputError } from '../core/errors';
import { explainStep, type ExplainInput, type ScoredItem, type StepExplanation } from '../core/explain/explain-step';
import { reasonFor } from '../core/explain/reason';
import type { WhyNotGap } from '../core/explain/why-not';
import { DEFAULT_THRESHOLDS, timeline, timelineOf, type PatternThresholds } from '../core/explain/timeline';
import type { RumItemParams } from '../core/model/rum-item/params';
import { modelSpec } from '../core/model/registry';
import type { ModelSpec, Weights } from '../core/model/model';
import { DEFAULT_CONFIG } from '../core/train/config';
import { rumParams } from '../core/model/rum-item/weights';
import type { LoadedModel } from './loaded-model';
import type { StepMetrics } from '../core/explain/step-ranks';
import { hitN, partMetrics, userStepRanks } from './user-ranks';

/** What the CLI, the API and the reports say about one step, in the dataset's own ids. */
export interface ExplainJson {
  modelId: number;
  model: string;
  user: string;
  step: number;
  /** Steps 0..steps are valid; step `steps` is after the last purchase. */
  steps: number;
  trainLength: number;
  part: 'train' | 'test' | 'end';
  alpha: number;
  beta: number;
  /** What the memory's slots are: purchases (item-level RUM, FPMC) or latent features (feature-level RUM: `step` -1, `item` F1…, titled by the items that load on it most). */
  memoryKind: 'purchases' | 'latent';
  /**
   * Whether each logit splits into intrinsic + memory and the memory over the slots (shares,
   * Shapley values). False for SASRec: intrinsic 0, memory = logit, shares and Shapley values null;
   * its slots' attention is its last position's (the same for every item) and each slot's
   * withoutSlot logit and rank are the model run again without that purchase.
   */
  additive: boolean;
  purchased: { item: string; title: string | null } | null;
  attentionFor: { item: string; title: string | null; why: string } | null;
  memory: { slot: number; item: string; title: string | null; time: string | null; step: number; attention: number }[];
  recommendations: ReturnType<typeof scoredJson>[];
  candidate?: ReturnType<typeof scoredJson> & { gap: GapJson };
}

/** "Why not?": the candidate's distance to the N-th recommendation and the dot each slot alone would need (core/explain/why-not.ts). */
export interface GapJson {
  /** The N-th recommendation, whose logit the candidate must reach; null when nothing is recommended. */
  target: { rank: number; item: string; title: string | null; logit: number } | null;
  /** target logit - candidate logit; > 0: that far below the top N. */
  gap: number | null;
  memoryNeeded: number | null;
  slots: { slot: number; dot: number; dotNeeded: number | null }[];
}

export interface TimelineJson {
  modelId: number;
  model: string;
  user: string;
  trainLength: number;
  thresholds: PatternThresholds;
  /** Purchases (Figure 4: each step's attention over the purchases before it) or latent (feature-level RUM: each purchase's write over the K features, `item` F1…, `step` -1). */
  memoryKind: 'purchases' | 'latent';
  /** Latent memories: each feature's name, F1: the items that load on it most. */
  slotNames?: string[];
  steps: {
    step: number;
    item: string;
    title: string | null;
    time: string | null;
    part: 'train' | 'test';
    attention: { slot: number; item: string; step: number; weight: number }[];
    pattern: string;
    trigger: number | null;
    /** Latent memories: per feature, the share of it the write erased and the size of what it added. */
    writes?: { erased: number[]; added: number[] };
    /** Rank of the item bought among the items not bought before this step (as explain's ranks); absent when asked without ranks. */
    rank?: number;
    /** rank <= n. */
    hit?: boolean;
  }[];
  /** N of hit@N: the model's setting n. */
  n: number;
  /** HR@N and NDCG@N over the steps of each part (engine/user-ranks.ts, docs/contract.md); absent without ranks. */
  metrics?: { train: StepMetrics; test: StepMetrics };
}

// Imports refuse times outside 1970-2100, but a store imported before that check may hold any
// number: a time Date cannot represent is shown as unknown rather than failing the explanation.
const MAX_DATE_MS = 8.64e15;
const iso = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null);

/**
 * The tables the explanation code reads (core/explain works on the RUM family's tables); a kind
 * whose meta says it does not explain is refused by its title.
 */
function explainedParams(model: LoadedModel): RumItemParams {
  explainerOf(model);
  return rumParams(model.arrays.weights);
}

/**
 * A kind's step reader for explanations (ModelSpec.explainAt, or leaveOutAt for a logit without
 * parts), or an InputError naming a kind that has none.
 */
function explainerOf(model: LoadedModel): (weights: Weights, user: number, items: Int32Array) => ExplainInput['read'] {
  const spec = modelSpec(model.arrays.weights.kind);
  const reader = spec.explains ? (spec.explainAt ?? spec.leaveOutAt) : undefined;
  if (!reader) {
    throw new InputError(`model ${model.record.modelId} is ${spec.title}: it has no memory or attention to explain (train ${DEFAULT_CONFIG.model})`);
  }
  return reader;
}

/** Names of a latent memory's slots (feature-level RUM): F1, F2, … with the items that load on each most. */
function latentNames(model: LoadedModel): string[] {
  const w = model.arrays.weights;
  const spec = modelSpec(w.kind);
  const tops = spec.latentSlotItems?.(w) ?? [];
  return tops.map((items, k) => `F${k + 1}: ${items.slice(0, 3).map((i) => model.titles[i] ?? model.itemIds[i]).join(' · ')}`);
}

export function userIndex(model: LoadedModel, user: string): number {
  const u = model.modelUserOf(user);
  if (u < 0) {
    throw new InputError(
      `user "${user}" is not in model ${model.record.modelId} (unknown, or fewer than ${model.record.config.minUserEvents} events)`,
    );
  }
  return u;
}

type Named = (item: number, slot?: number) => { item: string; title: string | null };

function scoredJson(model: LoadedModel, s: ScoredItem, reason: string, named: Named) {
  return {
    rank: s.rank,
    item: model.itemIds[s.item],
    title: model.titles[s.item],
    score: s.score,
    logit: s.logit,
    intrinsic: s.intrinsic,
    memory: s.memory,
    additive: s.additive,
    alreadyBought: s.alreadyBought,
    reason,
    shapleyNote: s.shapleyNote,
    slots: s.slots.map((k) => ({
      slot: k.slot,
      ...named(k.item, k.slot),
      attention: k.attention,
      share: k.share,
      withoutSlotLogit: k.withoutSlotLogit,
      withoutSlotRank: k.withoutSlotRank,
      shapley: k.shapley,
    })),
  };
}

function gapJson(model: LoadedModel, g: WhyNotGap): GapJson {
  return {
    target: g.target === null ? null : { rank: g.target.rank, item: model.itemIds[g.target.item], title: model.titles[g.target.item], logit: g.target.logit },
    gap: g.gap,
    memoryNeeded: g.memoryNeeded,
    slots: g.slots,
  };
}

export function itemIndex(model: LoadedModel, item: string): number {
  const i = model.itemIds.indexOf(item);
  if (i < 0) throw new InputError(`item "${item}" is not in model ${model.record.modelId}`);
  return i;
}

/** The explanation at one step (default: the end of the user's training part). */
export function explainUserStep(model: LoadedModel, user: string, opts: ExplainOptions = {}): ExplainJson {
  const u = userIndex(model, user);
  return explainSequenceStep(model, user, model.split.sequences[u], opts);
}

export interface ExplainOptions {
  step?: number;
  top?: number;
  item?: string;
  shapleyFor?: number;
  /** The kind's reader of this sequence when the caller keeps one (what-if reads each history once for the explanation and the ranks). */
  read?: ExplainInput['read'];
}

/** The model's step reader of a sequence (its kind's explainAt or leaveOutAt), refusing a kind that has none. */
export function sequenceReader(model: LoadedModel, user: string, items: Int32Array): ExplainInput['read'] {
  return explainerOf(model)(model.arrays.weights, userIndex(model, user), items);
}

/** A user's timeline as explained: the real one, or an edited one (what-if, engine/whatif.ts). */
export interface ExplainedSequence {
  items: Int32Array;
  times: Float64Array;
  trainLength: number;
}

/** explainUserStep on any sequence of purchases of this model's user (the real timeline or an edited one). */
export function explainSequenceStep(model: LoadedModel, user: string, seq: ExplainedSequence, opts: ExplainOptions = {}): ExplainJson {
  const explainAt = explainerOf(model);
  const w = model.arrays.weights;
  const u = userIndex(model, user);
  const step = opts.step ?? seq.trainLength;
  if (!Number.isInteger(step) || step < 0 || step > seq.items.length) {
    throw new InputError(`--step must be between 0 and ${seq.items.length} for user "${user}", got ${opts.step}`);
  }
  const top = opts.top ?? 5;
  if (!Number.isInteger(top) || top < 1) throw new InputError(`--top must be a whole number >= 1, got ${top}`);
  const candidate = opts.item === undefined ? undefined : itemIndex(model, opts.item);
  const input = { nItems: model.itemIds.length, items: seq.items, times: seq.times, read: opts.read ?? explainAt(w, u, seq.items) };
  const ex: StepExplanation = explainStep(input, step, top, candidate, { shapleyFor: opts.shapleyFor });
  const stepTime = step < seq.items.length ? seq.times[step] : seq.times[seq.items.length - 1];
  const latent = modelSpec(w.kind).attends === 'latent';
  const names = latent ? latentNames(model) : [];
  const slotName = (k: number) => names[k] ?? `F${k + 1}`;
  const nameOf = (i: number) => model.titles[i] ?? model.itemIds[i];
  const ctx = { nameOf, ...(latent ? { slotName } : {}), memory: ex.memory, step, stepTime };
  // A latent slot holds no purchase: it is named by its slot (F1, …) and the items that load on it most.
  const named: Named = (i, k = -1) => (i < 0 ? { item: `F${k + 1}`, title: slotName(k) } : { item: model.itemIds[i], title: model.titles[i] });
  return {
    modelId: model.record.modelId,
    model: model.record.kind,
    user,
    step,
    steps: seq.items.length,
    trainLength: seq.trainLength,
    part: step >= seq.items.length ? 'end' : step < seq.trainLength ? 'train' : 'test',
    alpha: w.config.alpha ?? 0,
    beta: w.config.beta ?? 0,
    memoryKind: latent ? 'latent' : 'purchases',
    additive: !modelSpec(w.kind).leaveOutAt,
    purchased: ex.purchased === null ? null : named(ex.purchased),
    attentionFor: ex.attentionFor === null ? null : { ...named(ex.attentionFor.item), why: ex.attentionFor.why },
    memory: ex.memory.map((m) => ({ slot: m.slot, ...named(m.item, m.slot), time: iso(m.time), step: m.step, attention: m.attention })),
    recommendations: ex.recommendations.map((r) => scoredJson(model, r, reasonFor(r, ctx), named)),
    ...(ex.candidate ? { candidate: { ...scoredJson(model, ex.candidate, reasonFor(ex.candidate, ctx), named), gap: gapJson(model, ex.candidateGap!) } } : {}),
  };
}

/** One user's steps with their attention and patterns (core/explain/timeline.ts), in the dataset's ids. */
function timelineParts(model: LoadedModel, user: string, thresholds: PatternThresholds) {
  const w = model.arrays.weights;
  const spec = modelSpec(w.kind);
  const latent = spec.attends === 'latent';
  const u = userIndex(model, user);
  const seq = model.split.sequences[u];
  let writes: ReturnType<NonNullable<ModelSpec['latentWrites']>> | null = null;
  let steps;
  if (latent && spec.latentWrites) {
    // A latent memory: each step's row is where its purchase wrote (z over the K features).
    explainerOf(model);
    const wr = (writes = spec.latentWrites(w, seq.items));
    const K = wr.slots;
    const none = new Float64Array(0);
    steps = timelineOf((t) => ({ weights: wr.z.length ? wr.z.subarray(t * K, (t + 1) * K) : none, first: -1 }), seq.items, seq.times, seq.trainLength, thresholds);
  } else if (spec.leaveOutAt) {
    // Attention without RUM's tables (SASRec): the kind's own, over the purchases it reads.
    explainerOf(model);
    steps = timelineOf(
      (t) => {
        const a = spec.attention(w, u, seq.items.subarray(0, t), seq.items[t]);
        return { weights: a.attention, first: t - a.attention.length };
      },
      seq.items,
      seq.times,
      seq.trainLength,
      thresholds,
    );
  } else {
    steps = timeline(explainedParams(model), u, seq.items, seq.times, seq.trainLength, thresholds);
  }
  const head = { modelId: model.record.modelId, model: model.record.kind, user, trainLength: seq.trainLength, thresholds, memoryKind: latent ? ('latent' as const) : ('purchases' as const) };
  const stepJson = (s: (typeof steps)[number]) => ({ step: s.step, item: model.itemIds[s.item], title: model.titles[s.item], time: iso(s.time), part: s.part, pattern: s.pattern, trigger: s.trigger });
  const names = latent ? latentNames(model) : [];
  // A latent row's slot k is feature F(k+1); a purchase row's is the purchase at step first + k.
  const slotRef = (s: (typeof steps)[number], k: number) =>
    s.first < 0 ? { item: `F${k + 1}`, step: -1 } : { item: model.itemIds[seq.items[s.first + k]], step: s.first + k };
  const writesAt = (t: number) => {
    if (!writes || writes.z.length === 0) return {};
    const K = writes.slots;
    return { writes: { erased: Array.from(writes.erased.subarray(t * K, (t + 1) * K)), added: Array.from(writes.added.subarray(t * K, (t + 1) * K)) } };
  };
  return { u, seq, steps, head, n: hitN(model), stepJson, slotRef, writesAt, slotNames: names };
}

/** Figure 4 for one user: every step's attention and the named patterns. */
export function userTimeline(
  model: LoadedModel,
  user: string,
  thresholds: PatternThresholds = DEFAULT_THRESHOLDS,
  opts: { ranks?: boolean } = {},
): TimelineJson {
  const { u, seq, steps, head, n, stepJson, slotRef, writesAt, slotNames } = timelineParts(model, user, thresholds);
  // Ranks score the whole catalogue at every step: the UI asks without them first, to draw at once.
  const ranks = opts.ranks === false ? null : userStepRanks(model, u);
  return {
    ...head,
    ...(slotNames.length ? { slotNames } : {}),
    steps: steps.map((s) => {
      // Keys in the order the contract lists them (attention before pattern), as before.
      const { pattern, trigger, ...named } = stepJson(s);
      return {
        ...named,
        attention: Array.from(s.weights, (weight, k) => ({ slot: k, ...slotRef(s, k), weight })),
        pattern,
        trigger,
        ...writesAt(s.step),
        ...(ranks ? { rank: ranks[s.step], hit: ranks[s.step] <= n } : {}),
      };
    }),
    n,
    ...(ranks ? { metrics: partMetrics(ranks, seq.trainLength, n) } : {}),
  };
}

/**
 * The app's first draw of a timeline: userTimeline without ranks, each step's attention as bare
 * weights (oldest slot first: slot k of step t is step t - weights.length + k). The same numbers
 * in a fifth of the bytes, which is what a 2,000-purchase user's first draw waits for.
 */
export interface TimelineWeightsJson extends Omit<TimelineJson, 'steps' | 'metrics'> {
  steps: (Omit<TimelineJson['steps'][number], 'attention' | 'rank' | 'hit'> & { weights: number[] })[];
}

export function userTimelineWeights(model: LoadedModel, user: string, thresholds: PatternThresholds = DEFAULT_THRESHOLDS): TimelineWeightsJson {
  const { steps, head, n, stepJson, writesAt, slotNames } = timelineParts(model, user, thresholds);
  return { ...head, ...(slotNames.length ? { slotNames } : {}), steps: steps.map((s) => ({ ...stepJson(s), weights: Array.from(s.weights), ...writesAt(s.step) })), n };
}

/** The ranks a timeline carries (rank per step, n and metrics) on their own: the app's second call. */
export interface TimelineRanksJson {
  modelId: number;
  user: string;
  n: number;
  ranks: number[];
  metrics: { train: StepMetrics; test: StepMetrics };
}

export function userTimelineRanks(model: LoadedModel, user: string): TimelineRanksJson {
  explainerOf(model);
  const u = userIndex(model, user);
  const ranks = userStepRanks(model, u);
  const n = hitN(model);
  return { modelId: model.record.modelId, user, n, ranks: Array.from(ranks), metrics: partMetrics(ranks, model.split.sequences[u].trainLength, n) };
}
