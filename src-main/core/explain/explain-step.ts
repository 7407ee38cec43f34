import { topN } from '../eval/top-n';
import type { LeaveOutRead, StepRead } from '../model/model';
import type { ItemColumns } from '../model/rum-item/item-columns';
import type { RumItemParams } from '../model/rum-item/params';
import { rumStepReader } from '../model/rum-item/step-scores';
import { shapleyValues, SHAPLEY_MAX_SLOTS } from './shapley';
import { boughtBefore, rankOf, ranksOf } from './ranks-of';
import { whyNotGap, type WhyNotGap } from './why-not';

export interface SlotDetail {
  /** 0 = the oldest purchase in the memory. */
  slot: number;
  item: number;
  /** z_k for this candidate. */
  attention: number;
  /** alpha z_k (m_k . q_i): the slot's additive share of the logit; null where the logit has no parts (SASRec). */
  share: number | null;
  /** m_k . q_i: the dot the slot adds to the logit (weighted by alpha z_k); null without parts. */
  dot: number | null;
  /** What the attention on the slot is computed from (z = softmax(beta key)): the same as `dot` in item-level RUM, q_i . f_k in feature-level; null without parts. */
  key: number | null;
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
  /**
   * The logit's parts: intrinsic (the user's long-term taste) + memory. A kind without parts
   * (SASRec: no user embedding, every logit comes from the purchases read) has intrinsic 0 and
   * memory = logit, and `additive` false.
   */
  intrinsic: number;
  memory: number;
  /** Whether the memory part splits over the slots (shares, Shapley values); false for SASRec. */
  additive: boolean;
  slots: SlotDetail[];
  /** True for a "why not X?" candidate the user had already bought (it is never recommended). */
  alreadyBought: boolean;
  /** Null when every slot carries its Shapley value; else why none does (too many slots, or not asked for). */
  shapleyNote: string | null;
}

export interface MemorySlot {
  slot: number;
  /** The purchase the slot holds; -1 for a latent slot (feature-level RUM). */
  item: number;
  /** Position of this purchase in the user's timeline; -1 for a latent slot. */
  step: number;
  /** NaN for a latent slot. */
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
  /** Items in the model's catalogue. */
  nItems: number;
  /** The user's whole timeline (model item indices), time order. */
  items: Int32Array;
  times: Float64Array;
  /** The memory and score parts at a step (ModelSpec.explainAt), or leave-one-out logits (ModelSpec.leaveOutAt). */
  read: (step: number) => StepRead | LeaveOutRead;
}

/** The explain input of item-level RUM tables (tests, benches): `columns` a loaded model's cache, else none kept. */
export function rumExplainInput(params: RumItemParams, user: number, items: Int32Array, times: Float64Array, columns?: ItemColumns): ExplainInput {
  return { nItems: params.nItems, items, times, read: rumStepReader(params, user, items, columns) };
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * The explanation at step t: the memory before purchase t, the top-N among items not bought
 * before t, and for each the logit split into intrinsic and memory parts, every slot's share,
 * and the counterfactual without each slot (logit and rank). Every number is recomputed from
 * the model's weights.
 */
export function explainStep(input: ExplainInput, step: number, top: number, candidate?: number, options: ExplainOptions = {}): StepExplanation {
  const { nItems, items, times } = input;
  if (!Number.isInteger(step) || step < 0 || step > items.length) {
    throw new RangeError(`step must be between 0 and ${items.length} for this user, got ${step}`);
  }
  if (candidate !== undefined && !(Number.isInteger(candidate) && candidate >= 0 && candidate < nItems)) {
    throw new RangeError(`no item ${candidate} in this model`);
  }
  const { scores, slots } = input.read(step);
  const L = scores.slots;
  const excluded = boughtBefore(items, step, nItems);

  const topItems = topN(scores.logit, top, excluded);
  const explained = candidate === undefined ? Array.from(topItems) : [...topItems, candidate];
  // Counterfactual logits of every item for one slot at a time, and the ranks of all explained
  // items under it in one pass: L passes over the catalogue in all.
  const withoutRank = explained.map(() => new Array<number>(L));
  const withoutLogit = explained.map(() => new Array<number>(L));
  const buffer = new Float64Array(nItems);
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
    if (!scores.additive) {
      // No parts: the attention and the leave-one-out logit and rank are all there is, exactly.
      return {
        item,
        rank,
        logit: scores.logit[item],
        score: sigmoid(scores.logit[item]),
        intrinsic: 0,
        memory: scores.logit[item],
        additive: false,
        alreadyBought: excluded[item] === 1,
        shapleyNote: scores.note,
        slots: attention.map((z, k) => ({
          slot: k,
          item: slots[k].item,
          attention: z,
          share: null,
          dot: null,
          key: null,
          withoutSlotLogit: withoutLogit[j][k],
          withoutSlotRank: withoutRank[j][k],
          shapley: null,
        })),
      };
    }
    const dots = scores.dots(item);
    const keys = scores.keyDots(item);
    // Beyond SHAPLEY_MAX_SLOTS the exact enumeration (2^K) is refused rather than estimated.
    const tooMany = L > SHAPLEY_MAX_SLOTS;
    const phi = withShapley && !tooMany ? shapleyValues(keys, dots, scores.alpha, scores.beta) : null;
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
      additive: true,
      alreadyBought: excluded[item] === 1,
      shapleyNote,
      slots: attention.map((z, k) => ({
        slot: k,
        item: slots[k].item,
        attention: z,
        share: scores.alpha * z * dots[k],
        dot: dots[k],
        key: keys[k],
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
    memory: slots.map(({ item, step: at }, k) => ({
      slot: k,
      item,
      step: at,
      time: at >= 0 ? times[at] : NaN,
      attention: focusAttention[k] ?? 0,
    })),
    attentionFor: focus === null ? null : { item: focus, why: purchased !== null ? 'purchase' : 'top-recommendation' },
    recommendations,
  };
  if (candidate !== undefined) {
    const c = detail(candidate, rankOf(scores.logit, candidate, excluded), explained.length - 1, true);
    result.candidate = c;
    const last = topItems.length ? topItems[topItems.length - 1] : null;
    const target = last === null ? null : { item: last, rank: topItems.length, logit: scores.logit[last] };
    result.candidateGap = scores.additive ? whyNotGap(c, target, scores.alpha, scores.beta) : whyNotGap(c, target, 0, 0);
  }
  return result;
}
