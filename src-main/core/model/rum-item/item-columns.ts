// Every item's dot product with one memory item, c_j[i] = q_i . q_j, and its exponential
// exp(beta c_j[i]), kept per memory item j. Consecutive steps of a timeline share all but one
// memory slot (the FIFO memory shifts by one purchase), so walking a timeline (stepping in the
// app, ranking every step, a report) computes one new column per step, items x D multiply-adds,
// instead of K of them; an item in another user's memory reuses its column too.
import type { Weights } from '../model';
import type { RumItemParams } from './params';
import { rumParams } from './weights';

export interface ItemColumn {
  /** dot[i] = q_i . q_j, float64 sums of the float32 tables (computeColumn's order). */
  readonly dot: Float64Array;
  /**
   * exp(beta dot[i]) with no maximum taken out, so that any K columns can be summed into a
   * softmax's numerators and denominator as they are; null when some beta dot[i] lies outside
   * +-EXP_SAFE, where that would overflow or lose precision (StepScores then shifts per item).
   */
  readonly exp: Float64Array | null;
}

// e^700 is 1e304: even 10,000 slots of it stay below the largest double (e^709.78), and e^-700
// is still a normal double, so a softmax denominator built from such terms keeps full precision.
export const EXP_SAFE = 700;

/** Bytes the columns of one model may hold (64 MB: 160 columns of a 25,000-item catalogue). */
export const DEFAULT_COLUMN_BUDGET = 64 * 2 ** 20;

/**
 * The columns of one set of frozen item embeddings, least recently used dropped first once they
 * pass the byte budget (budget 0: nothing kept, each call computes what it needs). The tables
 * must not change while an ItemColumns is in use: it is for loaded models, never during training.
 */
export class ItemColumns {
  private readonly columns = new Map<number, ItemColumn>();
  private readonly intrinsics = new Map<number, Float64Array>();
  private readonly capacity: number;

  constructor(
    readonly params: RumItemParams,
    budgetBytes = DEFAULT_COLUMN_BUDGET,
  ) {
    this.capacity = Math.floor(budgetBytes / (16 * Math.max(1, params.nItems)));
  }

  /** The columns of `memory`'s items, in its order; the missing ones are computed. */
  columnsFor(memory: ArrayLike<number>): ItemColumn[] {
    const out = new Array<ItemColumn>(memory.length);
    const missing: number[] = [];
    for (let k = 0; k < memory.length; k++) {
      const c = this.columns.get(memory[k]);
      if (c) {
        // Least recently used order: a hit moves to the end of the Map's insertion order.
        this.columns.delete(memory[k]);
        this.columns.set(memory[k], c);
        out[k] = c;
      } else if (!missing.includes(memory[k])) missing.push(memory[k]);
    }
    const made = new Map<number, ItemColumn>();
    let g = 0;
    // A new user's memory needs K columns at once: four per pass over the catalogue (1.8 against
    // 2.4 ms a column at 23,000 items, D 32), each with the same sums as computeColumn's.
    for (; g + 4 <= missing.length; g += 4) computeFour(this.params, missing.slice(g, g + 4)).forEach((c, r) => made.set(missing[g + r], c));
    for (; g < missing.length; g++) made.set(missing[g], computeColumn(this.params, missing[g]));
    for (let k = 0; k < memory.length; k++) if (!out[k]) out[k] = made.get(memory[k])!;
    for (const [j, c] of made) this.keep(j, c);
    return out;
  }

  /** p*_u . q_i for every item (float64, d in order), the last few users' kept. */
  intrinsic(user: number): Float64Array {
    let v = this.intrinsics.get(user);
    if (!v) {
      v = intrinsicColumn(this.params, user);
      this.intrinsics.set(user, v);
      if (this.intrinsics.size > 4) this.intrinsics.delete(this.intrinsics.keys().next().value!);
    }
    return v;
  }

  private keep(j: number, c: ItemColumn): void {
    if (this.capacity < 1) return;
    this.columns.set(j, c);
    while (this.columns.size > this.capacity) this.columns.delete(this.columns.keys().next().value!);
  }
}

const shared = new WeakMap<Weights, ItemColumns>();

/**
 * The one ItemColumns of a loaded model's weights (by object identity), so that its explanations
 * and its timeline ranks on the same thread share columns. Never for weights being trained.
 */
export function itemColumnsOf(weights: Weights): ItemColumns {
  let c = shared.get(weights);
  if (!c) shared.set(weights, (c = new ItemColumns(rumParams(weights))));
  return c;
}

function intrinsicColumn(params: RumItemParams, user: number): Float64Array {
  const { dim } = params.config;
  const n = params.nItems;
  const Q = params.item;
  const p = Float64Array.from(params.user.subarray(user * dim, (user + 1) * dim));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const qo = i * dim;
    let s = 0;
    for (let d = 0; d < dim; d++) s += p[d] * Q[qo + d];
    out[i] = s;
  }
  return out;
}

/**
 * One column: q_i . q_j for every item i, each with four partial sums over d (dot4's order, which
 * breaks the add-latency chain: measured 2.4 ms against 3.5 ms for the plain loop at 23,000 items,
 * D 32, and faster than four columns per pass). Every column goes through here, so a cached
 * column and a fresh one are the same bits.
 */
function computeColumn(params: RumItemParams, j: number): ItemColumn {
  const { dim, beta } = params.config;
  const n = params.nItems;
  const Q = params.item;
  const row = Float64Array.from(Q.subarray(j * dim, (j + 1) * dim));
  const dim4 = dim - (dim % 4);
  const dot = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const qo = i * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let d = 0;
    for (; d < dim4; d += 4) {
      s0 += row[d] * Q[qo + d];
      s1 += row[d + 1] * Q[qo + d + 1];
      s2 += row[d + 2] * Q[qo + d + 2];
      s3 += row[d + 3] * Q[qo + d + 3];
    }
    for (; d < dim; d++) s0 += row[d] * Q[qo + d];
    dot[i] = s0 + s1 + (s2 + s3);
  }
  return { dot, exp: expColumn(dot, beta) };
}

/**
 * Four columns in one pass, each summed exactly as computeColumn sums one (four partial sums per
 * column, d in steps of four, then s0 + s1 + (s2 + s3)): the same bits, fewer loads of each item row.
 */
function computeFour(params: RumItemParams, items: number[]): ItemColumn[] {
  const { dim, beta } = params.config;
  const n = params.nItems;
  const Q = params.item;
  const r = Float64Array.from(items.flatMap((j) => Array.from(Q.subarray(j * dim, (j + 1) * dim))));
  const dim4 = dim - (dim % 4);
  const [c0, c1, c2, c3] = items.map(() => new Float64Array(n));
  const o1 = dim;
  const o2 = 2 * dim;
  const o3 = 3 * dim;
  for (let i = 0; i < n; i++) {
    const qo = i * dim;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0; // prettier-ignore
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0, f0 = 0, f1 = 0, f2 = 0, f3 = 0; // prettier-ignore
    let d = 0;
    for (; d < dim4; d += 4) {
      const x0 = Q[qo + d];
      const x1 = Q[qo + d + 1];
      const x2 = Q[qo + d + 2];
      const x3 = Q[qo + d + 3];
      a0 += r[d] * x0;
      a1 += r[d + 1] * x1;
      a2 += r[d + 2] * x2;
      a3 += r[d + 3] * x3;
      b0 += r[o1 + d] * x0;
      b1 += r[o1 + d + 1] * x1;
      b2 += r[o1 + d + 2] * x2;
      b3 += r[o1 + d + 3] * x3;
      e0 += r[o2 + d] * x0;
      e1 += r[o2 + d + 1] * x1;
      e2 += r[o2 + d + 2] * x2;
      e3 += r[o2 + d + 3] * x3;
      f0 += r[o3 + d] * x0;
      f1 += r[o3 + d + 1] * x1;
      f2 += r[o3 + d + 2] * x2;
      f3 += r[o3 + d + 3] * x3;
    }
    for (; d < dim; d++) {
      const x = Q[qo + d];
      a0 += r[d] * x;
      b0 += r[o1 + d] * x;
      e0 += r[o2 + d] * x;
      f0 += r[o3 + d] * x;
    }
    c0[i] = a0 + a1 + (a2 + a3);
    c1[i] = b0 + b1 + (b2 + b3);
    c2[i] = e0 + e1 + (e2 + e3);
    c3[i] = f0 + f1 + (f2 + f3);
  }
  return [c0, c1, c2, c3].map((dot) => ({ dot, exp: expColumn(dot, beta) }));
}

function expColumn(dot: Float64Array, beta: number): Float64Array | null {
  const e = new Float64Array(dot.length);
  for (let i = 0; i < dot.length; i++) {
    const x = beta * dot[i];
    if (!(x <= EXP_SAFE && x >= -EXP_SAFE)) return null;
    e[i] = Math.exp(x);
  }
  return e;
}
