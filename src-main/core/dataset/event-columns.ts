import { DuplicateIndex } from './duplicate-index';
import { MAX_SKIP_EXAMPLES, type Duplicates, type EventSink } from './event-sink';
import { GrowableFloat64, GrowableInt32 } from './growable';

/**
 * An EventSink that keeps the events in memory, as compact columns, and finds duplicates with
 * a hash set as they arrive. It holds ~32 bytes a row, so the importer writes to the store's
 * staging table instead; this is the reference that table's duplicates are tested against, and
 * the reader for code that parses a log without a store (tests of the generators).
 */
export class EventColumns implements EventSink {
  private readonly user = new GrowableInt32();
  private readonly item = new GrowableInt32();
  private readonly rating = new GrowableFloat64();
  private readonly time = new GrowableFloat64();
  private readonly seen = new DuplicateIndex(
    () => this.user.data,
    () => this.item.data,
    () => this.time.data,
  );
  private readonly dups: Duplicates = { count: 0, lines: [] };

  add(line: number, user: number, item: number, rating: number, time: number): void {
    if (this.seen.seenOrAdd(this.user.length, user, item, time)) {
      this.dups.count++;
      if (this.dups.lines.length < MAX_SKIP_EXAMPLES) this.dups.lines.push(line);
      return;
    }
    this.user.push(user);
    this.item.push(item);
    this.rating.push(rating);
    this.time.push(time);
  }

  duplicates(): Duplicates {
    return { count: this.dups.count, lines: [...this.dups.lines] };
  }

  /** The kept events in file order; NaN where the file has no rating or time. */
  columns(): { user: Int32Array; item: Int32Array; rating: Float64Array; time: Float64Array } {
    return { user: this.user.toArray(), item: this.item.toArray(), rating: this.rating.toArray(), time: this.time.toArray() };
  }
}
