// The time-ordered split of docs/protocol.md (paper §5.1): keep users with enough purchases, order
// each user's purchases by time (ties in file order), first 70 % train, the rest test.

/** A dataset's events in file order: event index e is the e-th row of the file. */
export interface Interactions {
  nUsers: number;
  nItems: number;
  user: Int32Array;
  item: Int32Array;
  /** Milliseconds; NaN where the file had no time (then file order is the only order). */
  time: Float64Array;
}

export interface SplitOptions {
  /** Users with fewer events are dropped (paper: 10). */
  minUserEvents: number;
  /** Share of each user's events, in percent, that go to training (paper: 70). */
  trainPercent: number;
}

export const DEFAULT_SPLIT: SplitOptions = { minUserEvents: 10, trainPercent: 70 };

export interface UserSequence {
  /** Dense user index within the split (0..users-1). */
  user: number;
  /** The user's index in the dataset. */
  datasetUser: number;
  /** Dense item indices within the split, in time order. */
  items: Int32Array;
  times: Float64Array;
  /** items[0..trainLength) are training, the rest test. */
  trainLength: number;
}

export interface Split {
  options: SplitOptions;
  sequences: UserSequence[];
  /** Dense item index within the split -> the item's index in the dataset. */
  itemOf: Int32Array;
  /** Dense user index -> dataset user index. */
  userOf: Int32Array;
  events: number;
}

/** Train length for n events: floor(n * p / 100) in exact integer arithmetic (0.7 * 30 is 20.999... in floats). */
export function trainLength(n: number, trainPercent: number): number {
  return Math.floor((n * trainPercent) / 100);
}

export function timeOrderedSplit(data: Interactions, options: Partial<SplitOptions> = {}): Split {
  return splitTimelines(userTimelines(data), options);
}

/**
 * Every user's events in time order, ties in file order, users in dataset order: all the split
 * needs of a log, and the same for every filter and train share. The store keeps it per dataset
 * (store/user-timelines.ts), so opening a model of a 10M-event log does not read and sort every
 * event again.
 */
export interface UserTimelines {
  nUsers: number;
  nItems: number;
  /** User u's events are [start[u], start[u + 1]) of `item` and `time`. */
  start: Int32Array;
  /** Dataset item indices. */
  item: Int32Array;
  /** Milliseconds; NaN where the file had no time. */
  time: Float64Array;
}

/** A log's events grouped by user (a counting sort, which keeps file order) and each user's put in time order. */
export function userTimelines(data: Interactions): UserTimelines {
  const E = data.user.length;
  const start = new Int32Array(data.nUsers + 1);
  for (let e = 0; e < E; e++) start[data.user[e] + 1]++;
  for (let u = 0; u < data.nUsers; u++) start[u + 1] += start[u];
  // Item and time travel with the event (one pass in file order), so each user's sort below
  // reads a few contiguous numbers instead of missing the cache on every event of a 10M log.
  const item = new Int32Array(E);
  const time = new Float64Array(E);
  const next = start.slice(0, data.nUsers);
  for (let e = 0; e < E; e++) {
    const at = next[data.user[e]]++;
    item[at] = data.item[e];
    time[at] = data.time[e];
  }
  for (let u = 0; u < data.nUsers; u++) sortByTime(item, time, start[u], start[u + 1]);
  return { nUsers: data.nUsers, nItems: data.nItems, start, item, time };
}

/** The split of docs/protocol.md from a log's user timelines: users with enough events, each one's first share for training. */
export function splitTimelines(t: UserTimelines, options: Partial<SplitOptions> = {}): Split {
  const opts = { ...DEFAULT_SPLIT, ...options };
  const userOf: number[] = [];
  let events = 0;
  for (let u = 0; u < t.nUsers; u++) {
    const n = t.start[u + 1] - t.start[u];
    if (n >= opts.minUserEvents) {
      userOf.push(u);
      events += n;
    }
  }
  // One array for every kept user's items, each sequence a view of it: a buffer per user cost
  // more than the rest of the split on a 600k-user log. Times are views of the timelines'.
  const allItems = new Int32Array(events);
  const itemIndex = new Int32Array(t.nItems).fill(-1);
  const itemOf: number[] = [];
  let at = 0;
  const sequences = userOf.map((datasetUser, su): UserSequence => {
    const from = t.start[datasetUser];
    const n = t.start[datasetUser + 1] - from;
    const items = allItems.subarray(at, at + n);
    at += n;
    for (let k = 0; k < n; k++) {
      const di = t.item[from + k];
      if (itemIndex[di] < 0) {
        itemIndex[di] = itemOf.length;
        itemOf.push(di);
      }
      items[k] = itemIndex[di];
    }
    return { user: su, datasetUser, items, times: t.time.subarray(from, from + n), trainLength: trainLength(n, opts.trainPercent) };
  });
  return { options: opts, sequences, itemOf: Int32Array.from(itemOf), userOf: Int32Array.from(userOf), events };
}

/**
 * Puts [from, to) of item and time in time order, stably: equal times keep file order, the
 * order they arrive in (docs/contract.md). A time of NaN (no time in the file) sorts as 0.
 */
function sortByTime(item: Int32Array, time: Float64Array, from: number, to: number): void {
  let sorted = true;
  for (let k = from + 1; k < to && sorted; k++) if (timeKey(time[k]) < timeKey(time[k - 1])) sorted = false;
  // Most logs list each user's events in time order already.
  if (sorted) return;
  if (to - from <= 64) {
    // Insertion sort: stable, and the quickest for the few dozen events most users have.
    for (let k = from + 1; k < to; k++) {
      const i = item[k];
      const t = time[k];
      const key = timeKey(t);
      let j = k - 1;
      while (j >= from && timeKey(time[j]) > key) {
        item[j + 1] = item[j];
        time[j + 1] = time[j];
        j--;
      }
      item[j + 1] = i;
      time[j + 1] = t;
    }
    return;
  }
  const order = Array.from({ length: to - from }, (_, k) => from + k);
  order.sort((a, b) => timeKey(time[a]) - timeKey(time[b]) || a - b);
  const items = order.map((k) => item[k]);
  const times = order.map((k) => time[k]);
  item.set(items, from);
  time.set(times, from);
}

function timeKey(t: number): number {
  return Number.isNaN(t) ? 0 : t;
}
