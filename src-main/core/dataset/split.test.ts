import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { timeOrderedSplit, trainLength, type Interactions } from './split';

function log(rows: [number, number, number][]): Interactions {
  return {
    nUsers: Math.max(...rows.map((r) => r[0])) + 1,
    nItems: Math.max(...rows.map((r) => r[1])) + 1,
    user: Int32Array.from(rows.map((r) => r[0])),
    item: Int32Array.from(rows.map((r) => r[1])),
    time: Float64Array.from(rows.map((r) => r[2])),
  };
}

describe('time-ordered split', () => {
  it('takes floor(70 %) exactly, even where 0.7 * n is inexact in floating point', () => {
    expect(trainLength(10, 70)).toBe(7);
    expect(trainLength(30, 70)).toBe(21); // 0.7 * 30 = 20.999999999999996
    expect(trainLength(15, 70)).toBe(10);
    expect(trainLength(11, 70)).toBe(7);
  });

  it('drops users below the minimum, sorts by time with ties in file order, splits 70/30', () => {
    const rows: [number, number, number][] = [];
    // user 0: 10 events given out of time order, two of them tied at t=5 (items 7 then 3 in the file)
    const times = [9, 5, 1, 8, 5, 2, 7, 4, 6, 3];
    const items = [0, 7, 1, 2, 3, 4, 5, 6, 8, 9];
    times.forEach((t, k) => rows.push([0, items[k], t]));
    // user 1: only 3 events: dropped
    rows.push([1, 10, 1], [1, 11, 2], [1, 12, 3]);
    const split = timeOrderedSplit(log(rows), { minUserEvents: 10, trainPercent: 70 });
    expect(split.sequences).toHaveLength(1);
    expect(Array.from(split.userOf)).toEqual([0]);
    const s = split.sequences[0];
    const datasetItems = Array.from(s.items, (i) => split.itemOf[i]);
    expect(datasetItems).toEqual([1, 4, 9, 6, 7, 3, 8, 5, 2, 0]);
    expect(Array.from(s.times)).toEqual([1, 2, 3, 4, 5, 5, 6, 7, 8, 9]);
    expect(s.trainLength).toBe(7);
    expect(split.events).toBe(10);
    expect(split.itemOf).toHaveLength(10); // items 10..12 belonged only to the dropped user
  });

  it('keeps file order when the log has no times', () => {
    const rows: [number, number, number][] = Array.from({ length: 10 }, (_, k) => [0, 9 - k, NaN]);
    const split = timeOrderedSplit(log(rows));
    expect(Array.from(split.sequences[0].items, (i) => split.itemOf[i])).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('equals a plain bucket-and-stable-sort split on a random log (interleaved users, ties, no times, in and out of order)', () => {
    const rng = new Rng(4);
    const rows: [number, number, number][] = Array.from({ length: 20_000 }, (_, e) => {
      const user = rng.int(700);
      const time = user % 7 === 0 ? NaN : user % 3 === 0 ? e : rng.int(50);
      return [user, rng.int(900), time];
    });
    const data = log(rows);
    const split = timeOrderedSplit(data, { minUserEvents: 20, trainPercent: 70 });
    // The reference: each kept user's events in file order, sorted by time (stable).
    const key = (t: number) => (Number.isNaN(t) ? 0 : t);
    const kept = [...new Set(rows.map((r) => r[0]))].sort((a, b) => a - b).filter((u) => rows.filter((r) => r[0] === u).length >= 20);
    expect(Array.from(split.userOf)).toEqual(kept);
    kept.forEach((u, su) => {
      const evs = rows.flatMap((r, e) => (r[0] === u ? [e] : [])).sort((a, b) => key(rows[a][2]) - key(rows[b][2]));
      const seq = split.sequences[su];
      expect(Array.from(seq.items, (i) => split.itemOf[i])).toEqual(evs.map((e) => rows[e][1]));
      expect(Array.from(seq.times)).toEqual(evs.map((e) => rows[e][2]));
    });
    expect(split.events).toBe(kept.reduce((n, u) => n + rows.filter((r) => r[0] === u).length, 0));
  });
});
