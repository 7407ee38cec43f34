import { DuplicateIndex } from './duplicate-index';
import { GrowableFloat64, GrowableInt32 } from './growable';
import { ImportError, shown, type SkipReason } from './errors';
import { Interner } from './interner';
import { parseRating, parseTimestamp, TIME_RANGE, timeInRange, timestampUnit } from './values';

/** A whole purchase log, parsed and validated, in file order (event index = file order). */
export interface ParsedLog {
  userIds: string[];
  itemIds: string[];
  user: Int32Array;
  item: Int32Array;
  /** NaN only where the file has no rating for the event (never for a bad value). */
  rating: Float64Array;
  /** Milliseconds since the epoch; NaN only where the file has no time column. */
  time: Float64Array;
  skipped: Partial<Record<SkipReason, number>>;
  /** The first few skipped lines, so an analyst can go and look. */
  skippedExamples: { line: number; reason: SkipReason; detail: string }[];
}

export type BadRowPolicy = 'fail' | 'skip';

/** Strings for one row; undefined means the file has no such column. */
export interface RawRow {
  user: string;
  item: string;
  rating?: string;
  timestamp?: string;
}

const MAX_EXAMPLES = 20;

/**
 * Validates rows one at a time and keeps them in compact columns. Either the first bad row
 * throws an ImportError naming the line, or (policy 'skip') each bad row is counted by reason.
 */
export class EventAccumulator {
  private readonly users = new Interner();
  private readonly items = new Interner();
  private readonly user = new GrowableInt32();
  private readonly item = new GrowableInt32();
  private readonly rating = new GrowableFloat64();
  private readonly time = new GrowableFloat64();
  // Duplicates are events with the same user, item and time as an earlier one.
  private readonly seen = new DuplicateIndex(
    () => this.user.data,
    () => this.item.data,
    () => this.time.data,
  );
  private readonly skipped: Partial<Record<SkipReason, number>> = {};
  private readonly examples: ParsedLog['skippedExamples'] = [];

  constructor(
    private readonly file: string,
    private readonly policy: BadRowPolicy,
  ) {}

  get events(): number {
    return this.user.length;
  }

  /** Reports a row that could not even be split into fields (bad JSON, bad quoting...). */
  bad(line: number, reason: SkipReason, detail: string): void {
    if (this.policy === 'fail') throw new ImportError(this.file, line, detail);
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
    if (this.examples.length < MAX_EXAMPLES) this.examples.push({ line, reason, detail });
  }

  add(line: number, row: RawRow): void {
    const userId = row.user.trim();
    const itemId = row.item.trim();
    if (userId === '') return this.bad(line, 'missing-id', 'the user id is empty');
    if (itemId === '') return this.bad(line, 'missing-id', 'the item id is empty');
    let rating = NaN;
    if (row.rating !== undefined) {
      const r = parseRating(row.rating);
      if (r === undefined) return this.bad(line, 'bad-rating', `the rating "${shown(row.rating)}" is not a number`);
      rating = r;
    }
    let time = NaN;
    if (row.timestamp !== undefined) {
      const t = parseTimestamp(row.timestamp);
      if (t === undefined) {
        return this.bad(
          line,
          'bad-timestamp',
          `"${shown(row.timestamp)}" is not a timestamp (want unix seconds, unix milliseconds or an ISO-8601 date)`,
        );
      }
      if (!timeInRange(t)) {
        return this.bad(
          line,
          'bad-timestamp',
          `the time "${shown(row.timestamp)}" (read as ${timestampUnit(row.timestamp)}) is outside the accepted range ${TIME_RANGE.text}`,
        );
      }
      time = t;
    }
    const u = this.users.intern(userId);
    const i = this.items.intern(itemId);
    if (this.seen.seenOrAdd(this.user.length, u, i, time)) {
      // A duplicate is not an error: logs often repeat rows. It is counted, never stored twice.
      this.skipped.duplicate = (this.skipped.duplicate ?? 0) + 1;
      if (this.examples.length < MAX_EXAMPLES) {
        this.examples.push({ line, reason: 'duplicate', detail: 'same user, item and time as an earlier row' });
      }
      return;
    }
    this.user.push(u);
    this.item.push(i);
    this.rating.push(rating);
    this.time.push(time);
  }

  finish(): ParsedLog {
    return {
      userIds: this.users.ids,
      itemIds: this.items.ids,
      user: this.user.toArray(),
      item: this.item.toArray(),
      rating: this.rating.toArray(),
      time: this.time.toArray(),
      skipped: { ...this.skipped },
      skippedExamples: [...this.examples],
    };
  }
}
