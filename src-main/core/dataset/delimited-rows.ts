import type { EventAccumulator } from './accumulator';
import { describeMissing, mapHeader, positionalMap, type ColumnMap } from './columns';
import { ImportError, shown } from './errors';
import { delimiterName, otherDelimitersIn } from './sniff';
import { parseTimestamp } from './values';

/**
 * Turns delimited records into events. The first record decides the columns: a header we
 * recognise by meaning, an explicit --columns, or the positional order of headerless logs.
 */
export class DelimitedRows {
  private map: ColumnMap | undefined;
  private pendingFirst: { fields: string[]; line: number } | undefined;

  constructor(
    private readonly file: string,
    private readonly delimiter: string,
    private readonly acc: EventAccumulator,
    private readonly forced?: ColumnMap,
  ) {}

  /** Feeds one record (fields already split and unquoted) with the line it ends on. */
  push(fields: string[], line: number): void {
    if (this.map) return this.emit(fields, line);
    // Deciding whether line 1 is a header may need line 2, so hold the first record back.
    if (!this.pendingFirst) {
      this.pendingFirst = { fields, line };
      return;
    }
    this.decide(this.pendingFirst, { fields, line });
  }

  /** Call at the end of input. */
  end(): void {
    if (!this.map && this.pendingFirst) this.decide(this.pendingFirst, undefined);
  }

  private decide(first: { fields: string[]; line: number }, second: { fields: string[]; line: number } | undefined): void {
    const header = mapHeader(first.fields);
    if (first.fields.length === 1 && !this.forced) {
      const others = otherDelimitersIn(first.fields[0], this.delimiter);
      const hint = others.length ? `; it holds ${others.join(' and ')} characters, so try --format auto or name that delimiter` : '';
      throw new ImportError(this.file, first.line, `only one field found with the ${delimiterName(this.delimiter)} delimiter${hint}`);
    }
    let headerRow: boolean;
    if (this.forced) {
      this.map = this.forced;
      headerRow = header !== undefined || looksLikeHeader(first.fields, second?.fields, this.forced);
    } else if (header) {
      const missing = describeMissing(header);
      if (missing) throw new ImportError(this.file, first.line, `the header "${shown(first.fields.join(','), 80)}" has ${missing}`);
      this.map = header;
      headerRow = true;
    } else {
      const positional = positionalMap(first.fields.length);
      if (!positional) {
        throw new ImportError(
          this.file,
          first.line,
          `no header recognised and ${first.fields.length} columns: name them with --columns (e.g. user,item,rating,timestamp)`,
        );
      }
      if (looksLikeHeader(first.fields, second?.fields, positional)) {
        throw new ImportError(
          this.file,
          first.line,
          `this looks like a header, but "${shown(first.fields.join(','), 80)}" names no column we know: use user, item, rating, timestamp, or --columns`,
        );
      }
      this.map = positional;
      headerRow = false;
    }
    if (!headerRow) this.emit(first.fields, first.line);
    if (second) this.emit(second.fields, second.line);
  }

  private emit(fields: string[], line: number): void {
    const map = this.map!;
    if (fields.length !== map.width) {
      const others = fields.length === 1 ? otherDelimitersIn(fields[0], this.delimiter) : [];
      const hint = others.length ? ` (it uses ${others.join(' and ')}: mixed delimiters?)` : '';
      return this.acc.bad(line, 'wrong-field-count', `expected ${map.width} fields, found ${fields.length}${hint}`);
    }
    this.acc.add(line, {
      user: fields[map.user],
      item: fields[map.item],
      rating: map.rating >= 0 ? fields[map.rating] : undefined,
      timestamp: map.timestamp >= 0 ? fields[map.timestamp] : undefined,
    });
  }
}

/**
 * A first row as wide as the layout whose time cell is not a time while the second row's is:
 * an unknown header. (A row of another width is a broken row, and must not vanish as a header.)
 */
function looksLikeHeader(first: string[], second: string[] | undefined, map: ColumnMap): boolean {
  if (map.timestamp < 0 || !second || first.length !== map.width) return false;
  return parseTimestamp(first[map.timestamp] ?? '') === undefined && parseTimestamp(second[map.timestamp] ?? '') !== undefined;
}
