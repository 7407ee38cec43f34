// The map of influences of a stored model (docs/explanations.md, "The map of influences"): the
// one function the services' job (through its worker), the CLI and the bench use. Each step is
// read with the model's own explanation reader (ModelSpec.explainAt, the StepScores every
// explanation reads) and credited by core/explain/influences.ts.
import { InputError } from '../core/errors';
import { planInfluenceUsers, type InfluencePart } from '../core/explain/influence-users';
import { InfluenceMap, slotCredits, type InfluenceBy } from '../core/explain/influences';
import { SHAPLEY_MAX_SLOTS } from '../core/explain/shapley';
import { MODEL_CATALOG } from '../core/model/catalog';
import type { ModelSpec, Weights } from '../core/model/model';
import { modelSpec } from '../core/model/registry';
import type { LoadedModel } from './loaded-model';

/**
 * The cost the sample is sized to when no user count is given: about 20 s of work on the 2-core
 * development machine, by the cost model below. The demo's training part fits whole at K = 20.
 */
export const INFLUENCE_BUDGET_MS = 20_000;
export const INFLUENCE_SEED = 1;
/** Pairs an answer carries at most (the services keep this many per map and cut to the `top` asked). */
export const INFLUENCE_MAX_TOP = 1000;

// The cost model (estimated ms per step, measured on the development machine under load 2):
// reading a step builds every item's scores over the memory (one new item column of D
// multiply-adds per item and K sums per item: 3.6-4 ms at 14,037 items, D 32, K 20), and exact
// Shapley values take 2^K (14-17 ms at K = 20; halving with each slot fewer).
const READ_MS_PER_ITEM = 2.6e-4;
const STEP_MS = 0.02;
const SHAPLEY_MS_AT_MAX = 12;
/** SASRec's read is one forward pass over up to 50 purchases: about this much at D 64. */
const SASREC_READ_MS = 0.5;

export interface InfluencePairJson {
  /** The earlier purchase, the item id as imported. */
  from: string;
  fromTitle: string | null;
  /** The later purchase it was credited with. */
  to: string;
  toTitle: string | null;
  /** Summed credit: Shapley values (logit units) or attention (each step's slots sum to 1). */
  weight: number;
  /** Steps where `to` was bought with `from` in the memory. */
  steps: number;
}

export interface InfluencesJson {
  modelId: number;
  model: string;
  by: InfluenceBy;
  part: InfluencePart;
  /** The memory's most slots (K). */
  slots: number;
  /** Users whose steps were explained, of the eligible ones (at least one step with a purchase before it in the part). */
  users: number;
  eligibleUsers: number;
  /** Steps explained (each a purchase with at least one purchase before it), of the eligible ones. */
  steps: number;
  eligibleSteps: number;
  /** True when `users` is a seeded uniform sample of the eligible users; `seed` is then its seed, else null. */
  sampled: boolean;
  seed: number | null;
  /** Strongest first (largest summed weight); at most the `top` asked. */
  pairs: InfluencePairJson[];
  /** Distinct (from, to) pairs in the whole map. */
  totalPairs: number;
  /** What a weight is, in a sentence. */
  note: string;
  seconds: number;
}

export interface InfluenceOptions {
  by?: InfluenceBy;
  part?: InfluencePart;
  /** Pairs returned (default 50). */
  top?: number;
  /** 'all', or at most this many users (a seeded sample); default: all when they fit INFLUENCE_BUDGET_MS, else a sample that does. */
  users?: number | 'all';
  seed?: number;
  budgetMs?: number;
  /** Only these model user indices (a slice of users); default every user. */
  among?: readonly number[];
  /** After each step: steps done of the plan's. May throw to stop (a cancel). */
  onStep?: (done: number, total: number) => void;
}

const PURCHASE_KINDS = MODEL_CATALOG.filter((m) => m.attends === 'purchases' && m.explains).map((m) => m.kind);

/**
 * Why a kind has no map of influences (by `by`), or null when it has one: its memory must hold
 * purchases, since a pair credits an earlier purchase; Shapley values need a logit that splits
 * over the memory's slots (not SASRec's). Checked from the kind alone, before any work starts.
 */
export function influenceRefusal(modelId: number, kind: string, by: InfluenceBy): string | null {
  const spec = modelSpec(kind);
  const which = `the map needs a model whose memory holds purchases (${PURCHASE_KINDS.join(', ')})`;
  if (spec.attends === 'latent') {
    return `model ${modelId} is ${spec.title}: its memory holds latent feature slots, not earlier purchases, so no slot names an earlier item to credit; ${which}`;
  }
  if (spec.attends !== 'purchases' || !spec.explains) {
    return `model ${modelId} is ${spec.title}: it has no memory of earlier purchases with attention over them, so nothing earlier is credited with a later purchase; ${which}`;
  }
  if (by === 'shapley' && !spec.explainAt) {
    return `model ${modelId} is ${spec.title}: its logit does not split over its purchases, so there are no Shapley values to sum: map it by attention (--by attention)`;
  }
  return null;
}

/** One step's memory (item indices) and what each slot credits to the purchase made there. */
type StepCredits = (step: number) => { from: ArrayLike<number>; credits: ArrayLike<number> };

function creditReader(spec: ModelSpec, weights: Weights, by: InfluenceBy): (user: number, items: Int32Array) => StepCredits {
  if (spec.explainAt) {
    const explainAt = spec.explainAt;
    return (user, items) => {
      const read = explainAt(weights, user, items);
      return (step) => {
        const { scores, slots } = read(step);
        return { from: slots.map((s) => s.item), credits: slotCredits(scores, items[step], by) };
      };
    };
  }
  // Attention without StepScores (SASRec): the kind's own, over the purchases it reads, as its timeline shows.
  return (user, items) => (step) => {
    const a = spec.attention(weights, user, items.subarray(0, step), items[step]);
    return { from: a.memory, credits: a.attention };
  };
}

/**
 * Which earlier item drives which later purchase: every explained step (a purchase with at least
 * one purchase before it, in the training part or the whole timeline) credits each memory slot's
 * Shapley value or attention, for the item bought there, to the pair (the slot's purchase, the
 * item bought), summed over the steps of every user or of a seeded sample of users.
 */
export function modelInfluences(model: LoadedModel, opts: InfluenceOptions = {}): InfluencesJson {
  const started = performance.now();
  const by = opts.by ?? 'shapley';
  const part = opts.part ?? 'train';
  const top = opts.top ?? 50;
  const seed = opts.seed ?? INFLUENCE_SEED;
  if (!Number.isInteger(top) || top < 1) throw new InputError(`--top must be a whole number >= 1, got ${top}`);
  const w = model.arrays.weights;
  const spec = modelSpec(w.kind);
  const refusal = influenceRefusal(model.record.modelId, w.kind, by);
  if (refusal) throw new InputError(refusal);
  const K = spec.historyLength(w);
  if (by === 'shapley' && K > SHAPLEY_MAX_SLOTS) {
    throw new InputError(`model ${model.record.modelId} has ${K} memory slots: exact Shapley values are computed for at most ${SHAPLEY_MAX_SLOTS}: map it by attention (--by attention)`);
  }
  const nItems = model.itemIds.length;
  const readMs = spec.explainAt ? STEP_MS + READ_MS_PER_ITEM * nItems : SASREC_READ_MS;
  const stepMs = (k: number) => readMs + (by === 'shapley' ? SHAPLEY_MS_AT_MAX * 2 ** (k - SHAPLEY_MAX_SLOTS) : 0);
  const among = opts.among ?? model.split.sequences.map((_, u) => u);
  const seqs = among.map((u) => model.split.sequences[u]);
  const plan = planInfluenceUsers(
    seqs.map((s) => ({ length: s.items.length, trainLength: s.trainLength })),
    { part, slots: K, stepMs, users: opts.users, budgetMs: opts.budgetMs ?? INFLUENCE_BUDGET_MS, seed },
  );

  const map = new InfluenceMap(nItems);
  const reader = creditReader(spec, w, by);
  let done = 0;
  for (const j of plan.users) {
    const seq = seqs[j];
    const credits = reader(among[j], seq.items);
    const end = part === 'train' ? seq.trainLength : seq.items.length;
    for (let step = 1; step < end; step++) {
      const c = credits(step);
      map.add(c.from, seq.items[step], c.credits);
      opts.onStep?.(++done, plan.steps);
    }
  }

  const named = (i: number) => ({ id: model.itemIds[i], title: model.titles[i] });
  const pairs = map.top(top).map((p) => {
    const f = named(p.from);
    const t = named(p.to);
    return { from: f.id, fromTitle: f.title, to: t.id, toTitle: t.title, weight: p.weight, steps: p.steps };
  });
  const what = by === 'shapley' ? "the exact Shapley value (logit units) of the earlier purchase's memory slot" : "the attention the later purchase put on the earlier purchase's memory slot (each step's slots sum to 1)";
  const where = `${part === 'train' ? "the training part of each user's timeline" : "each user's whole timeline"}${plan.sampled ? `, over a seeded sample of ${plan.users.length} of ${plan.eligibleUsers} users (seed ${seed})` : ', every user'}`;
  return {
    modelId: model.record.modelId,
    model: w.kind,
    by,
    part,
    slots: K,
    users: plan.users.length,
    eligibleUsers: plan.eligibleUsers,
    steps: map.steps,
    eligibleSteps: plan.eligibleSteps,
    sampled: plan.sampled,
    seed: plan.seed,
    pairs,
    totalPairs: map.pairs,
    note: `weight: ${what} when the later item was bought, summed over the steps of ${where}`,
    seconds: (performance.now() - started) / 1000,
  };
}
