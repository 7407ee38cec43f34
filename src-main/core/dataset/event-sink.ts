/**
 * Where the importer puts each event that passed validation, in file order. The store's
 * staging table (store/import-staging.ts) is the real one: rows go to SQLite as they are read,
 * so a log is never held in memory whole. Duplicates (same user, item and time as an earlier
 * event) are the sink's to find, after the last row: through an index, not a map of every row.
 */
export interface EventSink {
  /** `rating` and `time` are NaN where the file has none; `time` is in milliseconds. */
  add(line: number, user: number, item: number, rating: number, time: number): void;
}

/** The events that repeat an earlier one; they are counted, never stored. */
export interface Duplicates {
  count: number;
  /** The lines of the first few (at most MAX_SKIP_EXAMPLES), in file order. */
  lines: number[];
}

/** How many skipped lines an import shows by example, so an analyst can go and look. */
export const MAX_SKIP_EXAMPLES = 20;
