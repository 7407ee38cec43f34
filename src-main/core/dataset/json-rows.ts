import type { EventAccumulator, RawRow } from './accumulator';
import { roleOfName, type Role } from './columns';
import { shown } from './errors';

/**
 * Turns JSON-lines records (Amazon review JSON or any object with recognisable keys) into
 * events. Whether a rating or time is expected is fixed by the first record, so a later record
 * that lacks one is a bad row rather than an event silently without a time.
 */
export class JsonRows {
  private expectRating: boolean | undefined;
  private expectTime: boolean | undefined;

  constructor(private readonly acc: EventAccumulator) {}

  push(text: string, line: number): void {
    if (text.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return this.acc.bad(line, 'bad-json', `not valid JSON (${shown((e as Error).message, 120)})`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      return this.acc.bad(line, 'bad-json', 'each line must be one JSON object');
    }
    const cells: Partial<Record<Role, string>> = {};
    for (const [key, value] of Object.entries(obj)) {
      const role = roleOfName(key);
      if (!role || cells[role] !== undefined || value === null || value === undefined) continue;
      if (typeof value === 'object') continue;
      cells[role] = String(value);
    }
    if (cells.user === undefined) return this.acc.bad(line, 'missing-id', 'no user field (user, user_id, userId, reviewerID)');
    if (cells.item === undefined) return this.acc.bad(line, 'missing-id', 'no item field (item, item_id, itemId, asin, ...)');
    this.expectRating ??= cells.rating !== undefined;
    this.expectTime ??= cells.timestamp !== undefined;
    if (this.expectTime && cells.timestamp === undefined) {
      return this.acc.bad(line, 'bad-timestamp', 'no timestamp field, though earlier lines have one');
    }
    if (this.expectRating && cells.rating === undefined) {
      return this.acc.bad(line, 'bad-rating', 'no rating field, though earlier lines have one');
    }
    const row: RawRow = { user: cells.user, item: cells.item, rating: cells.rating, timestamp: cells.timestamp };
    this.acc.add(line, row);
  }
}
