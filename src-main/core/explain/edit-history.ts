// "What if this person had not bought that?" (issue 14 item 1): the purchases before a step,
// edited. Steps and positions name the user's real timeline, so an analyst can write them from
// what the timeline shows: remove the purchase at step S, move the purchase at step F to just
// before step T (T = the step itself: last), insert an item just before step P (P = the step:
// last). Removes apply first, then moves, then inserts, each in the order given. Pure: the real
// timeline is never changed; the edited history is a new array.
import { InputError } from '../errors';

export type HistoryEdit = { remove: number } | { move: number; to: number } | { insert: number; at: number };

export interface EditedHistory {
  /** The edited purchases before the step, then the purchase made at the step and those after it, unchanged. */
  items: Int32Array;
  times: Float64Array;
  /** Where the explained step is in `items` (the edited history's length). */
  step: number;
  /** For each edited position before `step`: the real step it came from, or -1 for an inserted item. */
  origin: Int32Array;
}

interface Entry {
  item: number;
  time: number;
  origin: number;
}

/**
 * The history before `step` with `edits` applied (see the header). `nItems` bounds inserted items;
 * `itemName` names one in messages (the caller's ids: the CLI's --insert takes ids, not indices).
 * Throws an InputError naming the edit for a step or position outside the history, a purchase
 * removed twice, or one moved after being removed.
 */
export function editHistory(items: Int32Array, times: Float64Array, step: number, edits: readonly HistoryEdit[], nItems: number, itemName: (item: number) => string = String): EditedHistory {
  if (!Number.isInteger(step) || step < 0 || step > items.length) throw new InputError(`step must be between 0 and ${items.length}, got ${step}`);
  const inHistory = (s: number, what: string) => {
    if (!Number.isInteger(s) || s < 0 || s >= step) throw new InputError(`${what}: step ${s} is not a purchase before step ${step} (0 to ${step - 1})`);
  };
  const position = (p: number, what: string) => {
    if (!Number.isInteger(p) || p < 0 || p > step) throw new InputError(`${what}: position ${p} is outside 0 to ${step} (a position is the step it goes just before; ${step} = last)`);
  };
  let list: Entry[] = Array.from({ length: step }, (_, t) => ({ item: items[t], time: times[t], origin: t }));
  const removed = new Set<number>();
  for (const e of edits) {
    if (!('remove' in e)) continue;
    inHistory(e.remove, `--remove ${e.remove}`);
    if (removed.has(e.remove)) throw new InputError(`--remove ${e.remove}: that purchase is removed twice`);
    removed.add(e.remove);
  }
  list = list.filter((x) => !removed.has(x.origin));
  // Where "just before real step P" is in the list as it stands: before the first surviving entry at or after P.
  const before = (p: number) => {
    const at = list.findIndex((x) => x.origin >= p);
    return at < 0 ? list.length : at;
  };
  for (const e of edits) {
    if (!('move' in e)) continue;
    const what = `--move ${e.move}@${e.to}`;
    inHistory(e.move, what);
    position(e.to, what);
    if (removed.has(e.move)) throw new InputError(`${what}: the purchase at step ${e.move} is removed`);
    const from = list.findIndex((x) => x.origin === e.move);
    const [entry] = list.splice(from, 1);
    const at = e.to === step ? list.length : before(e.to);
    // A moved purchase keeps its item; its time becomes the one of the place it moves to.
    entry.time = at < list.length ? list[at].time : step < items.length ? times[step] : times[step - 1];
    list.splice(at, 0, entry);
  }
  for (const e of edits) {
    if (!('insert' in e)) continue;
    if (!Number.isInteger(e.insert) || e.insert < 0 || e.insert >= nItems) throw new InputError(`--insert ${e.insert}@${e.at}: no such item`);
    const what = `--insert ${itemName(e.insert)}@${e.at}`;
    position(e.at, what);
    const at = e.at === step ? list.length : before(e.at);
    const time = at < list.length ? list[at].time : step < items.length ? times[step] : step > 0 ? times[step - 1] : NaN;
    list.splice(at, 0, { item: e.insert, time, origin: -1 });
  }
  const n = list.length;
  const tail = items.length - step;
  const outItems = new Int32Array(n + tail);
  const outTimes = new Float64Array(n + tail);
  list.forEach((x, k) => {
    outItems[k] = x.item;
    outTimes[k] = x.time;
  });
  outItems.set(items.subarray(step), n);
  outTimes.set(times.subarray(step), n);
  return { items: outItems, times: outTimes, step: n, origin: Int32Array.from(list, (x) => x.origin) };
}
