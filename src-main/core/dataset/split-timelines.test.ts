// The split through user timelines (split.ts) against a plain reference written from
// docs/protocol.md: per user, the events sorted by time with file order breaking ties (no time
// = 0), users with enough events kept, items numbered as first met user by user.
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { splitTimelines, timeOrderedSplit, userTimelines, type Interactions } from './split';

function referenceSplit(d: Interactions, minUserEvents: number, trainPercent: number) {
  const perUser: number[][] = Array.from({ length: d.nUsers }, () => []);
  d.user.forEach((u, e) => perUser[u].push(e));
  const key = (e: number) => (Number.isNaN(d.time[e]) ? 0 : d.time[e]);
  const itemOf: number[] = [];
  const index = new Map<number, number>();
  const sequences = perUser
    .map((evs, u) => ({ u, evs: [...evs].sort((a, b) => key(a) - key(b) || a - b) }))
    .filter((x) => x.evs.length >= minUserEvents)
    .map(({ u, evs }) => ({
      datasetUser: u,
      items: evs.map((e) => {
        if (!index.has(d.item[e])) index.set(d.item[e], itemOf.push(d.item[e]) - 1);
        return index.get(d.item[e])!;
      }),
      times: evs.map((e) => d.time[e]),
      trainLength: Math.floor((evs.length * trainPercent) / 100),
    }));
  return { sequences, itemOf };
}

describe('the split through user timelines', () => {
  it('equals the plain reference on random logs: ties, missing times, long users, every filter', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 24; trial++) {
      const N = 500 + rng.int(3000);
      const U = trial % 6 === 5 ? 2 : 5 + rng.int(200); // a few users of hundreds of events (the long-user sort)
      const I = 3 + rng.int(150);
      const d: Interactions = {
        nUsers: U,
        nItems: I,
        user: Int32Array.from({ length: N }, () => rng.int(U)),
        item: Int32Array.from({ length: N }, () => rng.int(I)),
        time: Float64Array.from({ length: N }, () => (rng.next() < 0.1 ? NaN : rng.int(trial % 2 ? 15 : 1e6))),
      };
      for (const [min, pct] of [[10, 70], [3, 50], [1, 100], [40, 0]]) {
        const want = referenceSplit(d, min, pct);
        const got = timeOrderedSplit(d, { minUserEvents: min, trainPercent: pct });
        expect(Array.from(got.itemOf)).toEqual(want.itemOf);
        expect(got.sequences.map((s) => ({ datasetUser: s.datasetUser, items: Array.from(s.items), times: Array.from(s.times), trainLength: s.trainLength }))).toEqual(want.sequences);
        expect(got.events).toBe(want.sequences.reduce((n, s) => n + s.items.length, 0));
        // The timelines serve any filter: splitting them again gives the same split.
        expect(splitTimelines(userTimelines(d), { minUserEvents: min, trainPercent: pct })).toEqual(got);
      }
    }
  });
});
