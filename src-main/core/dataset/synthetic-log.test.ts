import { describe, expect, it } from 'vitest';
import { EventAccumulator } from './accumulator';
import { EventColumns } from './event-columns';
import { DelimitedRows } from './delimited-rows';
import { timeOrderedSplit } from './split';
import {
  BABY_SHAPE,
  MIN_USER_EVENTS,
  SUCCESSORS,
  generateSequentialLog,
  generateSequentialLogWithTruth,
  interactionsToCsv,
  type SequentialLogOptions,
} from './synthetic-log';

const SMALL: SequentialLogOptions = { users: 300, items: 3000, events: 9000, seed: 11 };

/** Share of consecutive same-user pairs (prev -> next) where next is a planted successor of prev. */
function successorPairShare(opts: SequentialLogOptions): number {
  const { log, successors } = generateSequentialLogWithTruth(opts);
  let pairs = 0;
  let hits = 0;
  for (let e = 1; e < log.user.length; e++) {
    if (log.user[e] !== log.user[e - 1]) continue;
    pairs++;
    const prev = log.item[e - 1];
    for (let k = 0; k < SUCCESSORS; k++) {
      if (successors[prev * SUCCESSORS + k] === log.item[e]) {
        hits++;
        break;
      }
    }
  }
  return hits / pairs;
}

describe('generateSequentialLog', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateSequentialLog(SMALL);
    const b = generateSequentialLog(SMALL);
    const c = generateSequentialLog({ ...SMALL, seed: 12 });
    expect(a.item).toEqual(b.item);
    expect(a.user).toEqual(b.user);
    expect(a.time).toEqual(b.time);
    expect(a.item).not.toEqual(c.item);
  });

  it('has exactly the asked counts, >= 10 events per user, long-tailed lengths', () => {
    const log = generateSequentialLog({ ...BABY_SHAPE, seed: 1 });
    expect(log.nUsers).toBe(BABY_SHAPE.users);
    expect(log.nItems).toBe(BABY_SHAPE.items);
    expect(log.user.length).toBe(BABY_SHAPE.events);
    expect(log.item.length).toBe(BABY_SHAPE.events);
    expect(log.time.length).toBe(BABY_SHAPE.events);

    const lengths = new Int32Array(log.nUsers);
    for (const u of log.user) lengths[u]++;
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(MIN_USER_EVENTS);
    const sorted = Array.from(lengths).sort((x, y) => x - y);
    const median = sorted[sorted.length >> 1];
    expect(median).toBeGreaterThanOrEqual(12);
    expect(median).toBeLessThanOrEqual(30);
    expect(sorted[sorted.length - 1]).toBeGreaterThan(200);

    const seen = new Uint8Array(log.nItems);
    let outOfRange = 0;
    for (const i of log.item) {
      if (i < 0 || i >= log.nItems) outOfRange++;
      else seen[i] = 1;
    }
    expect(outOfRange).toBe(0);
    // Most, not necessarily all, of the catalogue is bought.
    const appearing = seen.reduce((s, x) => s + x, 0);
    expect(appearing).toBeLessThanOrEqual(log.nItems);
    expect(appearing).toBeGreaterThan(0.7 * log.nItems);

    // The paper's filter and split keep every user.
    expect(timeOrderedSplit(log).sequences.length).toBe(log.nUsers);
  });

  it('groups events by user with strictly increasing times in 2012-2014, whole seconds', () => {
    const log = generateSequentialLog(SMALL);
    const lo = Date.UTC(2012, 0, 1);
    const hi = Date.UTC(2015, 0, 1);
    for (let e = 0; e < log.user.length; e++) {
      expect(log.time[e] % 1000).toBe(0);
      expect(log.time[e] >= lo && log.time[e] < hi).toBe(true);
      if (e > 0) {
        expect(log.user[e]).toBeGreaterThanOrEqual(log.user[e - 1]);
        if (log.user[e] === log.user[e - 1]) expect(log.time[e]).toBeGreaterThan(log.time[e - 1]);
      }
    }
  });

  it('rarely repeats an item for the same user', () => {
    const log = generateSequentialLog(SMALL);
    const pairs = new Set<number>();
    for (let e = 0; e < log.user.length; e++) pairs.add(log.user[e] * log.nItems + log.item[e]);
    expect(pairs.size / log.user.length).toBeGreaterThan(0.99);
  });

  it('plants a sequential signal far above chance, and none when the share is 0', () => {
    // Chance is about SUCCESSORS / items = 0.001 here; by construction about
    // 0.35 * P(back offset 1) = 0.35 * 0.45 = 0.16 of pairs follow a successor link.
    const planted = successorPairShare(SMALL);
    const none = successorPairShare({ ...SMALL, sequentialShare: 0 });
    expect(planted).toBeGreaterThan(0.1);
    expect(none).toBeLessThan(0.02);
    expect(planted).toBeGreaterThan(10 * none);
  });

  it('refuses impossible shapes', () => {
    expect(() => generateSequentialLog({ ...SMALL, events: SMALL.users * 9 })).toThrow(/events/);
    expect(() => generateSequentialLog({ ...SMALL, items: 5 })).toThrow(/items/);
  });

  it('writes a CSV that the real import reads back with the same counts and times', () => {
    const log = generateSequentialLog(SMALL);
    const csv = interactionsToCsv(log);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('user_id,item_id,timestamp');
    expect(lines[1]).toMatch(/^U\d{6},I\d{5},\d{10}$/);

    const events = new EventColumns();
    const acc = new EventAccumulator('synthetic.csv', 'fail', events);
    const rows = new DelimitedRows('synthetic.csv', ',', acc);
    lines.forEach((line, k) => rows.push(line.split(','), k + 1));
    rows.end();
    const parsed = acc.finish(events.duplicates());
    const { time } = events.columns();
    expect(parsed.events).toBe(log.user.length);
    const users = new Set(log.user).size;
    const items = new Set(log.item).size;
    expect(parsed.userIds.length).toBe(users);
    expect(parsed.itemIds.length).toBe(items);
    expect(parsed.skipped).toEqual({});
    expect(Array.from(time)).toEqual(Array.from(log.time));
  });
});
