import { topN } from '../eval/top-n';
import type { ItemColumns } from '../model/rum-item/item-columns';
import type { RumItemParams } from '../model/rum-item/params';
import { memoryBefore } from '../model/memory';
import { shapleyValues, SHAPLEY_MAX_SLOTS } from './shapley';
import { rankOf, ranksOf } from './ranks-of';
import { StepScores } from '../model/rum-item/step-scores';
import { whyNotGap, type WhyNotGap } from './why-not';

export interface SlotDetail {
  /** 0 = the oldest purchase in the memory. */
  slot: number;
  item: number;
  /** z_k for this candidate. */
  attention: number;
  /** alpha z_k (m_k . q_i): the slot's additive share of the logit. */
  share: number;
  /** m_k . q_i */
  dot: number;
  /** The logit with this slot removed from the memory (softmax re-taken over the rest). */
  withoutSlotLogit: number;
  /** Where the item would rank with this slot removed (every item re-scored). */
  withoutSlotRank: number;
  /**
   * The slot's exact Shapley value in the memory game (shapley.ts, docs/explanations.md): the
   * values sum to `memory`. Null when not computed; `ScoredItem.shapleyNote` says why.
   */
  shapley: number | null;
}

export interface ScoredItem {
  item: number;
  /** 1-based rank among the items the user had not bought before the step. */
  rank: number;
  logit: number;
  score: number;
  intrinsic: number;
  memory: number;
  slots: SlotDetail[];
  /** True for a "why not X?" candidate the user had already bought (it is never recommended). */
  alreadyBought: boolean;
  /** Null when every slot carries its Shapley value; else why none does (too many slots, or not asked for). */
  shapleyNote: string | null;
}

export interface MemorySlot {
  slot: number;
  item: number;
  /** Position of this purchase in the user's timeline. */
  step: number;
  time: number;
  /** Attention of `attentionFor` on this slot. */
  attention: number;
}

export interface StepExplanation {
  step: number;
  /** The purchase made at this step, if the timeline has one. */
  purchased: number | null;
  memory: MemorySlot[];
  /** The item whose attention the memory cards show: the purchase made at this step, else the top recommendation. */
  attentionFor: { item: number; why: 'purchase' | 'top-recommendation' } | null;
  recommendations: ScoredItem[];
  candidate?: ScoredItem;
  /** With a candidate: how far its logit is from the N-th recommendation's, and what would close it (why-not.ts). */
  candidateGap?: WhyNotGap;
}

export interface ExplainOptions {
  /**
   * Shapley values for the first this many recommendations (default: all); a candidate always
   * gets them. Each costs O(2^K) (about 10 ms at K = 20), so a view that shows one item's detail
   * asks for 1 and keeps stepping under its time aim (docs/explanations.md, "Cost").
   */
  shapleyFor?: number;
}

export interface ExplainInput {
  params: RumItemParams;
  user: number;
  /** The user's whole timeline (model item indices), time order. */
  items: Int32Array;
  times: Float64Array;
  /** The model's column cache (model/rum-item/item-columns.ts), so that stepping reuses the memory's columns. */
  columns?: ItemColumns;
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * The explanation at step t: the memory before purchase t, the top-N among items not bought
 * before t, and for each the logit split into intrinsic and memory parts, every slot's share,
 * and the counterfactual without each slot (logit and rank). Every number is recomputed from
 * the model's weights.
 */
export function explainStep(input: ExplainInput, step: number, top: number, candidate?: number, options: ExplainOptions = {}): StepExplanation {
  const { params, user, items, times, columns } = input;
  if (!Number.isInteger(step) || step < 0 || step > items.length) {
    throw new RangeError(`step must be between 0 and ${items.length} for this user, got ${step}`);
  }
  if (candidate !== undefined && !(Number.isInteger(candidate) && candidate >= 0 && candidate < params.nItems)) {
    throw new RangeError(`no item ${candidate} in this model`);
  }
  const memoryItems = memoryBefore(items, step, params.config.slots);
  const scores = new StepScores(params, user, memoryItems, columns);
  const L = scores.slots;
  const firstSlotStep = step - L;
  const excluded = new Uint8Array(params.nItems);
  for (let t = 0; t < step; t++) excluded[items[t]] = 1;

  const topItems = topN(scores.logit, top, excluded);
  const explained = candidate === undefined ? Array.from(topItems) : [...topItems, candidate];
  // Counterfactual logits of every item for one slot at a time, and the ranks of all explained
  // items under it in one pass: L passes over the catalogue in all.
  const withoutRank = explained.map(() => new Array<number>(L));
  const withoutLogit = explained.map(() => new Array<number>(L));
  const buffer = new Float64Array(params.nItems);
  for (let k = 0; k < L; k++) {
    const logits = scores.allWithoutSlot(k, buffer);
    const ranks = ranksOf(logits, explained, excluded);
    explained.forEach((item, j) => {
      withoutRank[j][k] = ranks[j];
      withoutLogit[j][k] = logits[item];
    });
  }
  const shapleyFor = options.shapleyFor ?? Infinity;
  const detail = (item: number, rank: number, j: number, withShapley: boolean): ScoredItem => {
    const attention = scores.attention(item);
    const dots = scores.dots(item);
    // Beyond SHAPLEY_MAX_SLOTS the exact enumeration (2^K) is refused rather than estimated.
    const tooMany = L > SHAPLEY_MAX_SLOTS;
    const phi = withShapley && !tooMany ? shapleyValues(dots, dots, scores.alpha, scores.beta) : null;
    const shapleyNote = phi
      ? null
      : tooMany
        ? `${L} slots: exact Shapley values are computed for at most ${SHAPLEY_MAX_SLOTS}`
        : 'not computed: this call asked for Shapley values of fewer recommendations';
    return {
      item,
      rank,
      logit: scores.logit[item],
      score: sigmoid(scores.logit[item]),
      intrinsic: scores.intrinsic[item],
      memory: scores.memoryPart(item),
      alreadyBought: excluded[item] === 1,
      shapleyNote,
      slots: attention.map((z, k) => ({
        slot: k,
        item: scores.memory[k],
        attention: z,
        share: scores.alpha * z * dots[k],
        dot: dots[k],
        withoutSlotLogit: withoutLogit[j][k],
        withoutSlotRank: withoutRank[j][k],
        shapley: phi ? phi[k] : null,
      })),
    };
  };

  const recommendations = Array.from(topItems, (item, r) => detail(item, r + 1, r, r < shapleyFor));
  const purchased = step < items.length ? items[step] : null;
  const focus = purchased ?? (topItems.length ? topItems[0] : null);
  const focusAttention = focus === null ? [] : scores.attention(focus);
  const result: StepExplanation = {
    step,
    purchased,
    memory: Array.from(scores.memory, (item, k) => ({
      slot: k,
      item,
      step: firstSlotStep + k,
      time: times[firstSlotStep + k],
      attention: focusAttention[k] ?? 0,
    })),
    attentionFor: focus === null ? null : { item: focus, why: purchased !== null ? 'purchase' : 'top-recommendation' },
    recommendations,
  };
  if (candidate !== undefined) {
    const c = detail(candidate, rankOf(scores.logit, candidate, excluded), explained.length - 1, true);
    result.candidate = c;
    const last = topItems.length ? topItems[topItems.length - 1] : null;
    result.candidateGap = whyNotGap(c, last === null ? null : { item: last, rank: topItems.length, logit: scores.logit[last] }, scores.alpha, scores.beta);
  }
  return result;
}
