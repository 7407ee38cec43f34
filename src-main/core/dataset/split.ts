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

  const userIndex = new Int32Array(data.nUsers).fill(-1);
  const userOf: number[] = [];
  for (let u = 0; u < data.nUsers; u++) {
    if (counts[u] >= opts.minUserEvents) {
      userIndex[u] = userOf.length;
      userOf.push(u);
    }
  }
  // Each kept user's event indices, in file order, as one slice of one array (a counting sort):
  // an array per user cost ~50 bytes an event and most of the time on a 10M-event log.
  const start = new Int32Array(userOf.length + 1);
  for (let su = 0; su < userOf.length; su++) start[su + 1] = start[su] + counts[userOf[su]];
  const byUser = new Int32Array(start[userOf.length]);
  const next = start.slice(0, userOf.length);
  for (let e = 0; e < data.user.length; e++) {
    const su = userIndex[data.user[e]];
    if (su >= 0) byUser[next[su]++] = e;
  }

  const itemIndex = new Int32Array(data.nItems).fill(-1);
  const itemOf: number[] = [];
  // Equal times keep file order (docs/contract.md): the event index breaks ties.
  const byTime = (a: number, b: number) => timeKey(data.time[a]) - timeKey(data.time[b]) || a - b;
  const sequences = userOf.map((datasetUser, su): UserSequence => {
    const evs = byUser.subarray(start[su], start[su + 1]);
    if (!inTimeOrder(evs, data.time)) evs.sort(byTime);
    const items = new Int32Array(evs.length);
    const times = new Float64Array(evs.length);
    for (let k = 0; k < evs.length; k++) {
      const e = evs[k];
      const di = data.item[e];
      if (itemIndex[di] < 0) {
        itemIndex[di] = itemOf.length;
        itemOf.push(di);
      }
      items[k] = itemIndex[di];
      times[k] = data.time[e];
    }
    return { user: su, datasetUser, items, times, trainLength: trainLength(evs.length, opts.trainPercent) };
  });
  return { options: opts, sequences, itemOf: Int32Array.from(itemOf), userOf: Int32Array.from(userOf), events: byUser.length };
}

/** Most logs list each user's events in time order already; sorting them again is wasted. */
function inTimeOrder(evs: Int32Array, time: Float64Array): boolean {
  for (let k = 1; k < evs.length; k++) if (timeKey(time[evs[k]]) < timeKey(time[evs[k - 1]])) return false;
  return true;
}

function timeKey(t: number): number {
  return Number.isNaN(t) ? 0 : t;
}
