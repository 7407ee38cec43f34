// What-if on a history (issue 14 items 1-2): the explanation at a step of a user's timeline with
// the purchases before it edited (core/explain/edit-history.ts), beside the real one; each item's
// rank before and after; and, for a recommended item, the smallest set of the memory's purchases
// whose removal takes it out of the top N (core/explain/minimal-removal.ts). The model re-reads
// the edited history exactly as it reads a real one: the same explanation code, nothing
// approximated. The stored data never change.
import { InputError } from '../core/errors';
import { editHistory, type EditedHistory, type HistoryEdit } from '../core/explain/edit-history';
import { minimalRemoval, MINIMAL_MAX_SIZE, removalGame, type RemovalGame } from '../core/explain/minimal-removal';
import { boughtBefore, rankOf } from '../core/explain/ranks-of';
import { modelSpec } from '../core/model/registry';
import { explainSequenceStep, itemIndex, sequenceReader, userIndex, type ExplainJson } from './explain-service';
import type { LoadedModel } from './loaded-model';

/** An edit as the CLI and the contract name it: steps of the real timeline, items by their ids. */
export type WhatIfEdit = { remove: number } | { move: number; to: number } | { insert: string; at: number };

export interface WhatIfJson {
  user: string;
  /** The step explained, in the real timeline. */
  step: number;
  edits: WhatIfEdit[];
  /** `explain --json` at the real step, and at the same purchase after the edited history. */
  before: ExplainJson;
  after: ExplainJson;
  /**
   * Every item in either top N: its rank before and after (among items not bought before the step
   * in that history). An item bought before the step in a history (`boughtBefore`, `boughtAfter`)
   * is not recommended there; its rank is where it would stand, itself counted, as explain's ranks.
   */
  moves: { item: string; title: string | null; rankBefore: number; rankAfter: number; boughtBefore: boolean; boughtAfter: boolean }[];
  /** With `minimal`: the smallest set of the edited memory's purchases whose removal takes that item out of the top N. */
  minimal?: MinimalJson;
}

export interface MinimalJson {
  item: string;
  title: string | null;
  /**
   * The purchases (as the memory cards show them: `step` in the edited history) whose removal takes
   * it out; `realStep` is the purchase's step in the real timeline (what `--remove` takes), null for
   * an inserted one. Null when no set within `maxSize` does.
   */
  purchases: { slot: number; item: string; title: string | null; step: number; realStep: number | null }[] | null;
  rankWithout: number | null;
  maxSize: number;
  checked: number;
  /** Whether the item stays in the top N on its intrinsic part alone (an empty memory, the same purchases excluded). */
  intrinsicKeepsIt: boolean;
  method: string;
}

export function whatIf(model: LoadedModel, user: string, opts: { step?: number; edits: WhatIfEdit[]; top?: number; minimal?: string }): WhatIfJson {
  const u = userIndex(model, user);
  const seq = model.split.sequences[u];
  const step = opts.step ?? seq.trainLength;
  const top = opts.top ?? 5;
  const edits: HistoryEdit[] = opts.edits.map((e) => ('insert' in e ? { insert: itemIndex(model, e.insert), at: e.at } : e));
  const edited = editHistory(seq.items, seq.times, step, edits, model.itemIds.length, (i) => model.itemIds[i]);
  // Each history read once at its step, for its explanation and for the ranks of the moves.
  const once = (read: ReturnType<typeof sequenceReader>): ReturnType<typeof sequenceReader> => {
    const kept = new Map<number, ReturnType<ReturnType<typeof sequenceReader>>>();
    return (t) => kept.get(t) ?? kept.set(t, read(t)).get(t)!;
  };
  const readBefore = once(sequenceReader(model, user, seq.items));
  const readAfter = once(sequenceReader(model, user, edited.items));
  const before = explainSequenceStep(model, user, seq, { step, top, shapleyFor: 1, read: readBefore });
  // The edited history is the training part up to the step when the step was in training.
  const trainLength = step < seq.trainLength ? edited.step + (seq.trainLength - step) : seq.trainLength - step + edited.step;
  const after = explainSequenceStep(model, user, { items: edited.items, times: edited.times, trainLength: Math.max(0, trainLength) }, { step: edited.step, top, shapleyFor: 1, read: readAfter });
  const result: WhatIfJson = { user, step, edits: opts.edits, before, after, moves: movesOf(model, seq.items, step, readBefore, edited.items, edited.step, readAfter, before, after) };
  if (opts.minimal !== undefined) result.minimal = minimalOf(model, readAfter, edited, opts.minimal, top, after);
  return result;
}

/** Ranks of every item in either list, each history scored once by the kind's own reader. */
type Read = ReturnType<typeof sequenceReader>;

function movesOf(model: LoadedModel, items: Int32Array, step: number, readBefore: Read, editedItems: Int32Array, editedStep: number, readAfter: Read, before: ExplainJson, after: ExplainJson): WhatIfJson['moves'] {
  const ranks = (history: Int32Array, at: number, read: Read) => {
    const logit = read(at).scores.logit;
    const excluded = boughtBefore(history, at, model.itemIds.length);
    return { rank: (i: number) => rankOf(logit, i, excluded), bought: (i: number) => excluded[i] === 1 };
  };
  const rb = ranks(items, step, readBefore);
  const ra = ranks(editedItems, editedStep, readAfter);
  const ids = [...new Set([...before.recommendations.map((r) => r.item), ...after.recommendations.map((r) => r.item)])];
  return ids.map((id) => {
    const i = model.itemIds.indexOf(id);
    return { item: id, title: model.titles[i], rankBefore: rb.rank(i), rankAfter: ra.rank(i), boughtBefore: rb.bought(i), boughtAfter: ra.bought(i) };
  });
}

function minimalOf(model: LoadedModel, readAfter: Read, edited: EditedHistory, item: string, n: number, after: ExplainJson): MinimalJson {
  const spec = modelSpec(model.arrays.weights.kind);
  if (!spec.explainAt || spec.attends !== 'purchases') {
    throw new InputError(`the minimal counterfactual names earlier purchases whose removal changes a logit that splits over them; model ${model.record.modelId} is ${spec.title}, whose memory ${spec.attends === 'latent' ? 'holds latent features' : 'has no such parts'}`);
  }
  const i = itemIndex(model, item);
  const { items, step } = edited;
  const excluded = boughtBefore(items, step, model.itemIds.length);
  const rank = rankOf(readAfter(step).scores.logit, i, excluded);
  if (rank > n) throw new InputError(`item "${item}" ranks ${rank} at this step, not in the top ${n}: the minimal counterfactual takes a recommended item out of it`);
  const game = gameOf(model, readAfter, items, step);
  const r = minimalRemoval(game, i, n);
  const purchases = r.slots?.map((k) => {
    const m = after.memory[k];
    return { slot: k, item: m.item, title: m.title, step: m.step, realStep: edited.origin[m.step] < 0 ? null : edited.origin[m.step] };
  });
  return {
    item,
    title: model.titles[i],
    purchases: purchases ?? null,
    rankWithout: r.rankWithout,
    maxSize: MINIMAL_MAX_SIZE,
    checked: r.checked,
    intrinsicKeepsIt: r.intrinsicKeepsIt,
    method:
      `every set of 1 to ${MINIMAL_MAX_SIZE} of the memory's ${game.scores.slots - game.older} purchases, smallest first (slot order among equals), ` +
      'each removed from the history as --remove does (the memory re-read: older purchases move in, and an item no longer bought before the step is ranked again) and the catalogue re-ranked exactly',
  };
}

/** The edited history as a removal game (core/explain/minimal-removal.ts), its reads checked to split over the memory. */
function gameOf(model: LoadedModel, read: Read, items: Int32Array, step: number): RemovalGame {
  const additive = (t: number) => {
    const r = read(t);
    if (!r.scores.additive) throw new InputError('the minimal counterfactual needs a logit that splits over the memory');
    return { scores: r.scores, slots: r.slots };
  };
  return removalGame(additive, items, step, model.itemIds.length, MINIMAL_MAX_SIZE);
}
