// The staging table of an import against the in-memory reference (core/dataset/event-columns.ts:
// the hash set the importer used before): the same duplicates, the same events in the same
// order, whichever way they are found, across the 16,384-row chunks it writes.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tmpDb } from '../../test/helpers';
import { EventColumns } from '../core/dataset/event-columns';
import { Rng } from '../core/random';
import { ImportStaging } from './import-staging';

interface Row {
  line: number;
  user: number;
  item: number;
  rating: number;
  time: number;
}

/** 60,000 rows over few users, items and times: many repeats, near and ~30,000 rows apart. */
function repetitiveLog(seed: number): Row[] {
  const rng = new Rng(seed);
  const rows: Row[] = [];
  for (let k = 0; k < 60_000; k++) {
    const far = k > 30_000 && rng.next() < 0.05 ? rows[k - 30_000] : undefined;
    const r = rng.next();
    // No time, whole milliseconds, and fractions of a millisecond (kept apart, as before).
    const time = r < 0.1 ? NaN : r < 0.2 ? 1_500_000_000_000 + rng.int(4) + 0.25 * rng.int(3) : 1_500_000_000_000 + 1000 * rng.int(40);
    rows.push({
      line: k + 2,
      user: far?.user ?? rng.int(30),
      item: far?.item ?? rng.int(25),
      rating: rng.next() < 0.2 ? NaN : 1 + rng.int(5),
      time: far?.time ?? time,
    });
  }
  return rows;
}

function stagedEvents(db: Database.Database, rows: Row[], alwaysIndex: boolean) {
  const staging = new ImportStaging(db, { logBytes: rows.length * 20, alwaysIndex });
  try {
    for (const r of rows) staging.add(r.line, r.user, r.item, r.rating, r.time);
    expect(staging.count).toBe(rows.length);
    const dups = staging.duplicates();
    db.transaction(() => staging.copyInto(7))();
    const events = db.prepare('SELECT seq, user_idx, item_idx, rating, time_ms FROM events WHERE dataset_id = 7 ORDER BY seq').raw().all();
    return { dups, events };
  } finally {
    staging.dispose();
  }
}

function reference(rows: Row[]) {
  const ref = new EventColumns();
  for (const r of rows) ref.add(r.line, r.user, r.item, r.rating, r.time);
  const c = ref.columns();
  const events = Array.from(c.user, (u, e) => [
    e,
    u,
    c.item[e],
    Number.isNaN(c.rating[e]) ? null : c.rating[e],
    Number.isNaN(c.time[e]) ? null : Math.round(c.time[e]),
  ]);
  return { dups: ref.duplicates(), events };
}

/** A store without foreign keys, so that events can be written for a dataset id of the test's own. */
function bareStore(): Database.Database {
  const { db } = tmpDb();
  db.pragma('foreign_keys = OFF');
  return db;
}

describe('ImportStaging', () => {
  for (const alwaysIndex of [false, true]) {
    it(`finds the duplicates the in-memory hash set finds, across chunks (${alwaysIndex ? 'an index over every row' : 'the filter, then one scan'})`, () => {
      for (const seed of [1, 2]) {
        const rows = repetitiveLog(seed);
        const want = reference(rows);
        expect(want.dups.count).toBeGreaterThan(10_000);
        const db = bareStore();
        const got = stagedEvents(db, rows, alwaysIndex);
        expect(got.dups).toEqual(want.dups);
        expect(got.events).toEqual(want.events);
      }
    });
  }

  it('a log without repeats: no duplicates, every row in file order', () => {
    const rows = Array.from({ length: 40_000 }, (_, k): Row => ({ line: k + 1, user: k % 997, item: k % 991, rating: NaN, time: 1_500_000_000_000 + k }));
    const got = stagedEvents(bareStore(), rows, false);
    expect(got.dups).toEqual({ count: 0, lines: [] });
    expect(got.events).toEqual(reference(rows).events);
  });

  it('holds its rows in a temporary table of its own connection: the store takes other writers meanwhile, and dispose leaves nothing', () => {
    const { db, path } = tmpDb();
    const staging = new ImportStaging(db, { logBytes: 1 << 20 });
    for (let k = 0; k < 50_000; k++) staging.add(k + 1, k % 100, k % 70, 5, 1_500_000_000_000 + k);
    // Three chunks written and committed to the staging table: another connection writes at once.
    const other = new Database(path, { timeout: 0 });
    other.prepare(`INSERT INTO datasets (name, source_name, source_size, source_hash, format, users, items, events, skipped_json, created_at)
                   VALUES ('other', 'o.csv', 1, 'h', 'csv', 0, 0, 0, '{}', 'now')`).run();
    expect(db.prepare("SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'").pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'import%'").pluck().get()).toBe(0);
    staging.dispose();
    staging.dispose();
    expect(db.prepare("SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'").pluck().get()).toBe(0);
    other.close();
  });
});
