import { MAX_SKIP_EXAMPLES, type Duplicates, type EventSink } from '../core/dataset/event-sink';
import { GrowableFloat64, GrowableInt32 } from '../core/dataset/growable';
import { RepeatFilter } from '../core/dataset/repeat-filter';
import type { Db } from './db';

/** Rows buffered between two writes to the staging table: one short transaction each. */
const CHUNK_ROWS = 16_384;
/** Rows an INSERT statement carries: a statement a row costs a third more. */
const ROWS_PER_INSERT = 64;
/** "Maybe seen" rows checked by a scan; past this many (a log full of repeats), an index finds them. */
const MAX_CANDIDATES = 1 << 18;

let staged = 0;

/** The filter's bits: half the log's bytes (10 to 30 bits a row), at most 16 MiB of them. */
const FILTER_BITS_PER_BYTE = 0.5;
const MAX_FILTER_BITS = 2 ** 27;

export interface StagingOptions {
  /** The log's size, which sizes the filter that spares most rows an exact check. */
  logBytes: number;
  /** Tests: find duplicates through the index even when few rows are candidates. */
  alwaysIndex?: boolean;
}

/**
 * The events of an import on their way to the store, in a TEMP table of the importing
 * connection. SQLite keeps that table in a temporary file (deleted when the connection closes,
 * or by the system after a crash) and writing it takes no lock on the store, so the log is never
 * held in memory and others go on writing while it is read. The store itself changes once, in
 * the save's one transaction, which copies the rows in (`copyInto`): a bad line, a cancel or a
 * crash before it leaves the store exactly as it was.
 *
 * Duplicates (same user, item and time as an earlier row) are found after the last row. A
 * Bloom filter (core/dataset/repeat-filter.ts) marks the rows whose key may have come before;
 * one scan of the table with their keys in an indexed table finds the exact ones. A log of many
 * repeats instead gets an index over all its rows, built by sorting once: an index kept while
 * inserting costs a random B-tree insert a row (4x slower on a 1M-row log), and a map of every
 * row grows with the log.
 */
export class ImportStaging implements EventSink {
  private readonly table: string;
  private readonly buffer = {
    line: new Int32Array(CHUNK_ROWS),
    user: new Int32Array(CHUNK_ROWS),
    item: new Int32Array(CHUNK_ROWS),
    rating: new Float64Array(CHUNK_ROWS),
    time: new Float64Array(CHUNK_ROWS),
  };
  private buffered = 0;
  private rows = 0;
  private readonly filter: RepeatFilter;
  private readonly candidates = { user: new GrowableInt32(), item: new GrowableInt32(), time: new GrowableFloat64() };
  private tooManyCandidates: boolean;
  /** Rowids of the duplicates, ascending; set by duplicates(). */
  private dupRowids: Int32Array | undefined;
  private readonly writeChunk: () => void;

  constructor(
    private readonly db: Db,
    options: StagingOptions,
  ) {
    this.table = `import_events_${++staged}`;
    this.filter = new RepeatFilter(Math.min(MAX_FILTER_BITS, options.logBytes * FILTER_BITS_PER_BYTE));
    this.tooManyCandidates = options.alwaysIndex ?? false;
    // A time is stored as its whole milliseconds (what the store keeps) and the remainder
    // (NULL unless the file had fractions of a millisecond), so that duplicates are judged on
    // the exact time, as they always were, and NULL (no time) equals NULL in GROUP BY.
    db.exec(`CREATE TEMP TABLE ${this.table} (line INTEGER NOT NULL, u INTEGER NOT NULL, i INTEGER NOT NULL, t INTEGER, f REAL, r REAL)`);
    const insert = (rows: number) =>
      db.prepare(`INSERT INTO temp.${this.table} (line, u, i, t, f, r) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`);
    const insertOne = insert(1);
    const insertMany = insert(ROWS_PER_INSERT);
    const args: (number | null)[] = new Array<number | null>(6 * ROWS_PER_INSERT);
    const b = this.buffer;
    const put = (k: number, into: (number | null)[], at: number) => {
      const time = b.time[k];
      const ms = Math.round(time); // NaN for no time
      into[at] = b.line[k];
      into[at + 1] = b.user[k];
      into[at + 2] = b.item[k];
      into[at + 3] = Number.isNaN(time) ? null : ms;
      into[at + 4] = Number.isNaN(time) || ms === time ? null : time - ms;
      into[at + 5] = Number.isNaN(b.rating[k]) ? null : b.rating[k];
    };
    const one: (number | null)[] = new Array<number | null>(6);
    this.writeChunk = db.transaction(() => {
      let k = 0;
      for (; k + ROWS_PER_INSERT <= this.buffered; k += ROWS_PER_INSERT) {
        for (let j = 0; j < ROWS_PER_INSERT; j++) put(k + j, args, 6 * j);
        insertMany.run(args);
      }
      for (; k < this.buffered; k++) {
        put(k, one, 0);
        insertOne.run(one);
      }
    });
  }

  add(line: number, user: number, item: number, rating: number, time: number): void {
    if (this.filter.addMaybeSeen(user, item, time) && !this.tooManyCandidates) {
      const c = this.candidates;
      c.user.push(user);
      c.item.push(item);
      c.time.push(time);
      if (c.user.length > MAX_CANDIDATES) this.tooManyCandidates = true;
    }
    const b = this.buffer;
    const k = this.buffered++;
    b.line[k] = line;
    b.user[k] = user;
    b.item[k] = item;
    b.rating[k] = rating;
    b.time[k] = time;
    if (this.buffered === CHUNK_ROWS) this.flush();
  }

  /** Rows staged so far, duplicates included. */
  get count(): number {
    return this.rows + this.buffered;
  }

  /** After the last row: the rows that repeat an earlier one, which copyInto leaves out. */
  duplicates(): Duplicates {
    this.flush();
    const found = this.tooManyCandidates ? this.duplicatesByIndex() : this.candidates.user.length ? this.duplicatesOfCandidates() : [];
    const rowids = new GrowableInt32();
    const lines: number[] = [];
    for (const [rowid, line] of found) {
      rowids.push(rowid);
      if (lines.length < MAX_SKIP_EXAMPLES) lines.push(line);
    }
    this.dupRowids = rowids.toArray();
    return { count: this.dupRowids.length, lines };
  }

  /** [rowid, line] of every duplicate, by rowid: every row of a key after its first (file order). */
  private duplicatesByIndex(): Iterable<[number, number]> {
    const t = `temp.${this.table}`;
    this.db.exec(`CREATE INDEX temp.${this.table}_key ON ${this.table} (u, i, t, f)`);
    return this.db
      .prepare(
        `SELECT e.rowid, e.line FROM (SELECT u, i, t, f, min(rowid) AS first FROM ${t} GROUP BY u, i, t, f HAVING count(*) > 1) g
         JOIN ${t} e ON e.u = g.u AND e.i = g.i AND e.t IS g.t AND e.f IS g.f AND e.rowid > g.first ORDER BY e.rowid`,
      )
      .raw()
      .iterate() as IterableIterator<[number, number]>;
  }

  /** The same, from the rows whose key is a candidate's: one scan, each row looked up in a small index. */
  private duplicatesOfCandidates(): [number, number][] {
    const keys = `${this.table}_candidates`;
    // No time and no fraction are -1 and 0 here (never a real value), so that = finds them.
    this.db.exec(`CREATE TEMP TABLE ${keys} (u INTEGER NOT NULL, i INTEGER NOT NULL, t INTEGER NOT NULL, f REAL NOT NULL, PRIMARY KEY (u, i, t, f)) WITHOUT ROWID`);
    try {
      const add = this.db.prepare(`INSERT OR IGNORE INTO temp.${keys} VALUES (?, ?, ?, ?)`);
      const c = this.candidates;
      this.db.transaction(() => {
        for (let k = 0; k < c.user.length; k++) {
          const [ms, fraction] = timeParts(c.time.data[k]);
          add.run(c.user.data[k], c.item.data[k], ms ?? -1, fraction ?? 0);
        }
      })();
      const rows = this.db
        .prepare(
          `SELECT e.rowid, e.line, e.u, e.i, e.t, e.f FROM temp.${this.table} e JOIN temp.${keys} c
           ON c.u = e.u AND c.i = e.i AND c.t = ifnull(e.t, -1) AND c.f = ifnull(e.f, 0) ORDER BY e.rowid`,
        )
        .raw()
        .iterate() as IterableIterator<[number, number, number, number, number | null, number | null]>;
      const firstSeen = new Set<string>();
      const dups: [number, number][] = [];
      for (const [rowid, line, u, i, t, f] of rows) {
        const key = `${u},${i},${t},${f}`;
        if (firstSeen.has(key)) dups.push([rowid, line]);
        else firstSeen.add(key);
      }
      return dups;
    } finally {
      this.db.exec(`DROP TABLE temp.${keys}`);
    }
  }

  /**
   * Writes the staged events, duplicates left out, as the events of `datasetId`: seq counts
   * the kept rows in file order. Call inside the save's transaction, after duplicates().
   */
  copyInto(datasetId: number): void {
    if (!this.dupRowids) throw new Error('copyInto before duplicates()');
    const copy = this.db.prepare(
      `INSERT INTO events (dataset_id, seq, user_idx, item_idx, rating, time_ms)
       SELECT ?, rowid - ?, u, i, r, t FROM temp.${this.table} WHERE rowid >= ? AND rowid < ? ORDER BY rowid`,
    );
    // Runs of rows between two duplicates keep their order; each duplicate shifts the rest by one.
    let from = 1;
    let shift = 1;
    for (const dup of this.dupRowids) {
      if (dup > from) copy.run(datasetId, shift, from, dup);
      from = dup + 1;
      shift++;
    }
    if (this.rows + 1 > from) copy.run(datasetId, shift, from, this.rows + 1);
  }

  /** Drops the staging table (closing the connection would too); safe to call twice. */
  dispose(): void {
    if (this.db.open) this.db.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }

  private flush(): void {
    if (this.buffered === 0) return;
    this.writeChunk();
    this.rows += this.buffered;
    this.buffered = 0;
  }
}

/** A time (ms, NaN for none) as stored: whole milliseconds, and the remainder when not 0. */
function timeParts(time: number): [number | null, number | null] {
  if (Number.isNaN(time)) return [null, null];
  const ms = Math.round(time);
  return [ms, ms === time ? null : time - ms];
}
