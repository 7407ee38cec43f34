import { MAX_SKIP_EXAMPLES, type Duplicates } from './event-sink';
import type { SkipReason } from './errors';

export interface SkipExample {
  line: number;
  reason: SkipReason;
  detail: string;
}

export interface SkipSummary {
  /** Keys in the order each reason first occurred in the file. */
  skipped: Partial<Record<SkipReason, number>>;
  /** The first skipped lines, in file order. */
  examples: SkipExample[];
}

export const DUPLICATE_DETAIL = 'same user, item and time as an earlier row';

/**
 * Counts skipped rows by reason. Duplicates are only known once the whole log is in the
 * staging table, so they join at the end: by line, they take the places in the count's key
 * order and among the examples that they had when they were found row by row.
 */
export class SkipTally {
  private readonly counts = new Map<SkipReason, { n: number; firstLine: number }>();
  private readonly examples: SkipExample[] = [];

  private skippedRows = 0;

  get total(): number {
    return this.skippedRows;
  }

  add(line: number, reason: SkipReason, detail: string): void {
    this.skippedRows++;
    const c = this.counts.get(reason);
    if (c) c.n++;
    else this.counts.set(reason, { n: 1, firstLine: line });
    if (this.examples.length < MAX_SKIP_EXAMPLES) this.examples.push({ line, reason, detail });
  }

  summary(dups: Duplicates): SkipSummary {
    const entries = [...this.counts].map(([reason, c]) => ({ reason, ...c }));
    if (dups.count > 0) {
      const at = entries.findIndex((e) => e.firstLine > dups.lines[0]);
      entries.splice(at === -1 ? entries.length : at, 0, { reason: 'duplicate', n: dups.count, firstLine: dups.lines[0] });
    }
    const skipped: Partial<Record<SkipReason, number>> = {};
    for (const e of entries) skipped[e.reason] = e.n;
    return { skipped, examples: mergeByLine(this.examples, dups.lines).slice(0, MAX_SKIP_EXAMPLES) };
  }
}

/** Both lists are in file order; on a tie (never met: one row, one reason) the bad row comes first. */
function mergeByLine(bad: readonly SkipExample[], dupLines: readonly number[]): SkipExample[] {
  const out: SkipExample[] = [];
  let d = 0;
  for (const b of bad) {
    while (d < dupLines.length && dupLines[d] < b.line) out.push({ line: dupLines[d++], reason: 'duplicate', detail: DUPLICATE_DETAIL });
    out.push(b);
  }
  while (d < dupLines.length) out.push({ line: dupLines[d++], reason: 'duplicate', detail: DUPLICATE_DETAIL });
  return out;
}
