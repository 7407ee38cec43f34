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
  const opts = { ...DEFAULT_SPLIT, ...options };
  const counts = new Int32Array(data.nUsers);
  for (let e = 0; e < data.user.length; e++) counts[data.user[e]]++;

  // Bucket event indices per kept user; file order within a bucket is preserved.
  const userIndex = new Int32Array(data.nUsers).fill(-1);
  const userOf: number[] = [];
  for (let u = 0; u < data.nUsers; u++) {
    if (counts[u] >= opts.minUserEvents) {
      userIndex[u] = userOf.length;
      userOf.push(u);
    }
  }
  const buckets: number[][] = userOf.map(() => []);
  for (let e = 0; e < data.user.length; e++) {
    const su = userIndex[data.user[e]];
    if (su >= 0) buckets[su].push(e);
  }

  const itemIndex = new Int32Array(data.nItems).fill(-1);
  const itemOf: number[] = [];
  let events = 0;
  const sequences = buckets.map((evs, su): UserSequence => {
    // Stable sort: equal times keep file order, as docs/contract.md promises.
    evs.sort((a, b) => timeKey(data.time[a]) - timeKey(data.time[b]));
    const items = new Int32Array(evs.length);
    const times = new Float64Array(evs.length);
    evs.forEach((e, k) => {
      const di = data.item[e];
      if (itemIndex[di] < 0) {
        itemIndex[di] = itemOf.length;
        itemOf.push(di);
      }
      items[k] = itemIndex[di];
      times[k] = data.time[e];
    });
    events += evs.length;
    return { user: su, datasetUser: userOf[su], items, times, trainLength: trainLength(evs.length, opts.trainPercent) };
  });
  return { options: opts, sequences, itemOf: Int32Array.from(itemOf), userOf: Int32Array.from(userOf), events };
}

function timeKey(t: number): number {
  return Number.isNaN(t) ? 0 : t;
}
