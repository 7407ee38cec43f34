import { ImportError, shown, type SkipReason } from './errors';
import type { Duplicates, EventSink } from './event-sink';
import { Interner } from './interner';
import { SkipTally, type SkipExample } from './skip-tally';
import { parseRating, parseTimestamp, TIME_RANGE, timeInRange, timestampUnit } from './values';

/**
 * What a whole log holds once read, beside its events (which went to the sink as they were
 * read): the ids, the counts and the time range that the dataset's summary shows.
 */
export interface LogSummary {
  /** External ids by dense index, in order of first sight. */
  userIds: string[];
  itemIds: string[];
  /** Events kept: rows that passed, less duplicates. */
  events: number;
  /** Milliseconds since the epoch; null when the file has no time column. */
  timeMin: number | null;
  timeMax: number | null;
  skipped: Partial<Record<SkipReason, number>>;
  /** The first few skipped lines, so an analyst can go and look. */
  skippedExamples: SkipExample[];
}

export type BadRowPolicy = 'fail' | 'skip';

/** Strings for one row; undefined means the file has no such column. */
export interface RawRow {
  user: string;
  item: string;
  rating?: string;
  timestamp?: string;
}

/**
 * Validates rows one at a time and hands each good one to the sink (in file order, so the
 * event index is the file order). Either the first bad row throws an ImportError naming the
 * line, or (policy 'skip') each bad row is counted by reason. What stays in memory grows with
 * the distinct user and item ids, never with the rows.
 */
export class EventAccumulator {
  private readonly users = new Interner();
  private readonly items = new Interner();
  private readonly skips = new SkipTally();
  private passed = 0;
  private timeMin = Infinity;
  private timeMax = -Infinity;

  constructor(
    private readonly file: string,
    private readonly policy: BadRowPolicy,
    private readonly sink: EventSink,
  ) {}

  /** Rows that passed so far, duplicates included (these are only found at the end). */
  get rowsPassed(): number {
    return this.passed;
  }

  /** Bad rows skipped so far (policy 'skip'). */
  get rowsSkipped(): number {
    return this.skips.total;
  }

  /** The item ids met so far, by dense index. */
  get itemIds(): readonly string[] {
    return this.items.ids;
  }

  /** Reports a row that could not even be split into fields (bad JSON, bad quoting...). */
  bad(line: number, reason: SkipReason, detail: string): void {
    if (this.policy === 'fail') throw new ImportError(this.file, line, detail);
    this.skips.add(line, reason, detail);
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
      // A duplicate repeats an earlier time, so counting it here leaves the range the same.
      if (t < this.timeMin) this.timeMin = t;
      if (t > this.timeMax) this.timeMax = t;
    }
    this.passed++;
    this.sink.add(line, this.users.intern(userId), this.items.intern(itemId), rating, time);
  }

  /** After the last row, with the duplicates the sink found: a duplicate is counted, never stored. */
  finish(dups: Duplicates): LogSummary {
    const { skipped, examples } = this.skips.summary(dups);
    return {
      userIds: this.users.ids,
      itemIds: this.items.ids,
      events: this.passed - dups.count,
      timeMin: Number.isFinite(this.timeMin) ? Math.round(this.timeMin) : null,
      timeMax: Number.isFinite(this.timeMax) ? Math.round(this.timeMax) : null,
      skipped,
      skippedExamples: examples,
    };
  }
}
