// Reading a model's parameters back out of an export-model document (docs/contract.md), the
// inverse of each kind's exportJson. Every kind's importJson reads its tables through this one
// reader, so a file that is misshapen anywhere is refused with the same words: the key, the row
// and what was expected. Rows of item- and user-indexed tables are put in the model's own order
// on the way in: the file may list its users and items in any order (its `users` and `items`).
import { InputError } from '../errors';

/** Which of the model's indices a table's rows are: file row r goes to row `order[r]`. */
export type RowsBy = 'item' | 'user' | null;

export class ModelFile {
  constructor(
    private readonly doc: Record<string, unknown>,
    /** File row -> the model's item index, for every item row of the file. */
    private readonly itemOrder: Int32Array,
    /** File row -> the model's user index. */
    private readonly userOrder: Int32Array,
  ) {}

  get nItems(): number {
    return this.itemOrder.length;
  }

  get nUsers(): number {
    return this.userOrder.length;
  }

  /** A number of the document's `config`, or `fallback` when the file has none. */
  setting(key: string, fallback?: number): number {
    const config = this.doc.config as Record<string, unknown>;
    const v = config[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`config.${key} must be a number, got ${JSON.stringify(v) ?? 'nothing'}`);
    return v;
  }

  /**
   * A table of `rows` rows of `width` numbers at `path` (a key, or keys into nested objects), its
   * rows put in the model's order when they are items or users.
   */
  table(path: string | string[], by: RowsBy, rows: number, width: number): Float32Array {
    const name = nameOf(path);
    const value = this.at(path);
    if (!Array.isArray(value)) throw new InputError(`${name} must be an array of rows, got ${typeName(value)}`);
    if (value.length !== rows) throw new InputError(`${name} has ${value.length} rows, need ${rows}${rowsMeaning(by)}`);
    const out = new Float32Array(rows * width);
    const order = this.order(by);
    for (let r = 0; r < rows; r++) {
      const row = value[r] as unknown;
      if (!Array.isArray(row)) throw new InputError(`${name} row ${r} must be an array of ${width} numbers, got ${typeName(row)}`);
      if (row.length !== width) throw new InputError(`${name} row ${r} has ${row.length} numbers, need ${width}`);
      const at = (order ? order[r] : r) * width;
      for (let d = 0; d < width; d++) out[at + d] = finite(row[d], () => `${name} row ${r} column ${d}`);
    }
    return out;
  }

  /** A flat array of `length` numbers at `path`, put in the model's order when they are items or users. */
  vector(path: string | string[], by: RowsBy, length: number): Float32Array {
    const name = nameOf(path);
    const value = this.at(path);
    if (!Array.isArray(value)) throw new InputError(`${name} must be an array of numbers, got ${typeName(value)}`);
    if (value.length !== length) throw new InputError(`${name} has ${value.length} numbers, need ${length}${rowsMeaning(by)}`);
    const out = new Float32Array(length);
    const order = this.order(by);
    for (let r = 0; r < length; r++) out[order ? order[r] : r] = finite(value[r], () => `${name}[${r}]`);
    return out;
  }

  private order(by: RowsBy): Int32Array | null {
    return by === 'item' ? this.itemOrder : by === 'user' ? this.userOrder : null;
  }

  private at(path: string | string[]): unknown {
    let v: unknown = this.doc;
    for (const key of typeof path === 'string' ? [path] : path) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
    if (v === undefined) throw new InputError(`${nameOf(path)} is missing`);
    return v;
  }
}

function nameOf(path: string | string[]): string {
  return typeof path === 'string' ? path : path.join('.');
}

function rowsMeaning(by: RowsBy): string {
  return by === 'item' ? ' (one per item of `items`)' : by === 'user' ? ' (one per user of `users`)' : '';
}

function finite(v: unknown, where: () => string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${where()} must be a finite number, got ${JSON.stringify(v) ?? 'nothing'}`);
  // The tables are float32: 1e39 would be stored as Infinity and poison every score it touches.
  if (!Number.isFinite(Math.fround(v))) throw new InputError(`${where()} is ${v}, outside the float32 range of the model's tables`);
  return v;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
