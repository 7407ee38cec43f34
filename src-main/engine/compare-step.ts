// Two models on the same user and step (issue 12, "models side by side"): each one's top N, the
// items only one of them recommends, and for each of those items what each model says about it:
// its rank and logit there, and the model's own explanation where it has one (item-level RUM:
// the exact Shapley value of each purchase in memory; SASRec: its attention over the purchases,
// which does not depend on the item; a model with nothing to show says so). Any registered kind:
// the scores come from its spec's scorer, the attention from its spec's attention.
import { InputError } from '../core/errors';
import { topN } from '../core/eval/top-n';
import { boughtBefore, rankOf } from '../core/explain/ranks-of';
import { modelMeta } from '../core/model/catalog';
import { modelSpec } from '../core/model/registry';
import { explainUserStep } from './explain-service';
import type { LoadedModel } from './loaded-model';

export interface ComparedItem {
  item: string;
  title: string | null;
  /** 1-based, among the items not bought before the step (explain's convention). */
  rank: number;
  logit: number;
}

/** What one model says about one item it ranks differently from the other model. */
export interface ItemView extends ComparedItem {
  /** Item-level RUM family: the logit's intrinsic and memory parts and each slot's Shapley value. */
  intrinsic: number | null;
  memory: number | null;
  slots: { step: number; item: string; title: string | null; attention: number; shapley: number | null }[] | null;
}

export interface CompareSide {
  modelId: number;
  kind: string;
  title: string;
  top: ComparedItem[];
  /** What the model's attention is over (core/model/meta.ts `attends`). */
  attends: 'purchases' | 'latent' | 'none';
  /** Its attention at this step for its first recommendation: purchases (with their steps) or latent slots; null when it has none. */
  attention: { slot: number; step: number | null; item: string | null; title: string | null; weight: number }[] | null;
  /** Said when a view has nothing from this model, e.g. MostPopular has no memory. */
  note: string | null;
  /** Each item only one of the two recommends, as this model sees it. */
  differing: ItemView[];
}

export interface CompareStepJson {
  user: string;
  step: number;
  steps: number;
  trainLength: number;
  purchased: { item: string; title: string | null } | null;
  top: number;
  a: CompareSide;
  b: CompareSide;
  /** Items in both top-N lists, and in only one (dataset ids). */
  both: string[];
  onlyA: string[];
  onlyB: string[];
}

interface Side {
  model: LoadedModel;
  u: number;
  items: Int32Array;
  logits: Float32Array;
  excluded: Uint8Array;
  /** This model's top N at the step, best first. */
  top: number[];
  /** What the model reads at the step (its history length's worth of purchases before it). */
  history: Int32Array;
}

function sideOf(model: LoadedModel, user: string, step: number, top: number): Side {
  const u = model.modelUserOf(user);
  if (u < 0) throw new InputError(`user "${user}" is not in model ${model.record.modelId} (unknown, or fewer than ${model.record.config.minUserEvents} events)`);
  const seq = model.split.sequences[u];
  const w = model.arrays.weights;
  const spec = modelSpec(w.kind);
  const H = spec.historyLength(w);
  const history = seq.items.subarray(Number.isFinite(H) ? Math.max(0, step - H) : 0, step);
  const logits = spec.score(w, u, history);
  const excluded = boughtBefore(seq.items, step, model.itemIds.length);
  return { model, u, items: seq.items, logits, excluded, top: Array.from(topN(logits, top, excluded)), history };
}

function compared(s: Side, i: number): ComparedItem {
  return { item: s.model.itemIds[i], title: s.model.titles[i], rank: rankOf(s.logits, i, s.excluded), logit: s.logits[i] };
}

function noteFor(kind: string, attends: CompareSide['attends']): string | null {
  const title = modelMeta(kind)?.title ?? kind;
  if (attends === 'none') return `${title} has no memory or attention to show: only its ranks and scores compare`;
  if (attends === 'latent') return `${title} attends to latent memory slots, not to single purchases`;
  return null;
}

function sideJson(s: Side, user: string, step: number, differing: string[]): CompareSide {
  const w = s.model.arrays.weights;
  const spec = modelSpec(w.kind);
  const meta = modelMeta(w.kind);
  const attends = meta?.attends ?? 'none';
  const topItems = s.top;
  let attention: CompareSide['attention'] = null;
  if (attends !== 'none' && topItems.length) {
    const a = spec.attention(w, s.u, s.history, topItems[0]);
    attention = Array.from(a.attention, (weight, k) => {
      if (attends === 'latent') return { slot: k, step: null, item: null, title: null, weight };
      // The memory holds the purchases just before the step, oldest first.
      const at = step - a.memory.length + k;
      return { slot: k, step: at, item: s.model.itemIds[a.memory[k]], title: s.model.titles[a.memory[k]], weight };
    });
  }
  const views = differing.map((id): ItemView => {
    const i = s.model.itemIds.indexOf(id);
    if (i < 0) return { item: id, title: null, rank: 0, logit: NaN, intrinsic: null, memory: null, slots: null };
    const base = compared(s, i);
    if (!spec.explains || attends !== 'purchases') return { ...base, intrinsic: null, memory: null, slots: null };
    // The item-level RUM family: the candidate's explanation, Shapley values included.
    const ex = explainUserStep(s.model, user, { step, top: 1, item: id, shapleyFor: 0 }).candidate!;
    const first = step - ex.slots.length;
    return {
      ...base,
      intrinsic: ex.intrinsic,
      memory: ex.memory,
      slots: ex.slots.map((k, j) => ({ step: first + j, item: k.item, title: k.title, attention: k.attention, shapley: k.shapley })),
    };
  });
  return {
    modelId: s.model.record.modelId,
    kind: w.kind,
    title: meta?.title ?? w.kind,
    top: topItems.map((i) => compared(s, i)),
    attends,
    attention,
    note: noteFor(w.kind, attends),
    differing: views,
  };
}

/** Models `a` and `b` (trained on the same dataset) at `step` of `user` (default: the end of a's training part). */
export function compareStep(a: LoadedModel, b: LoadedModel, user: string, opts: { step?: number; top?: number } = {}): CompareStepJson {
  if (a.record.datasetId !== b.record.datasetId) {
    throw new InputError(`models ${a.record.modelId} and ${b.record.modelId} were trained on different datasets (${a.record.datasetId} and ${b.record.datasetId}): compare models of one dataset`);
  }
  const ua = a.modelUserOf(user);
  const seqA = ua >= 0 ? a.split.sequences[ua] : null;
  const top = opts.top ?? 5;
  const step = opts.step ?? seqA?.trainLength ?? 0;
  if (seqA && (!Number.isInteger(step) || step < 0 || step > seqA.items.length)) {
    throw new InputError(`step must be between 0 and ${seqA.items.length} for user "${user}", got ${opts.step}`);
  }
  const sa = sideOf(a, user, step, top);
  const sb = sideOf(b, user, step, top);
  // The same purchases, by id, or the step means different things to the two models.
  const idsA = Array.from(sa.items, (i) => a.itemIds[i]).join('\u0000');
  const idsB = Array.from(sb.items, (i) => b.itemIds[i]).join('\u0000');
  if (idsA !== idsB) throw new InputError(`models ${a.record.modelId} and ${b.record.modelId} see user "${user}"'s purchases differently (different filters): compare models trained with the same filter settings`);
  const topA = sa.top.map((i) => a.itemIds[i]);
  const topB = sb.top.map((i) => b.itemIds[i]);
  const inB = new Set(topB);
  const inA = new Set(topA);
  const onlyA = topA.filter((id) => !inB.has(id));
  const onlyB = topB.filter((id) => !inA.has(id));
  const differing = [...onlyA, ...onlyB];
  const seq = a.split.sequences[sa.u];
  const purchased = step < seq.items.length ? { item: a.itemIds[seq.items[step]], title: a.titles[seq.items[step]] } : null;
  return {
    user,
    step,
    steps: seq.items.length,
    trainLength: seq.trainLength,
    purchased,
    top,
    a: sideJson(sa, user, step, differing),
    b: sideJson(sb, user, step, differing),
    both: topA.filter((id) => inB.has(id)),
    onlyA,
    onlyB,
  };
}
