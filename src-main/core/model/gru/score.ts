// Scoring with the GRU: run it over a history (oldest first) from h_0 = 0, then every item's
// score is h . q_i. The whole history is read (historyLength Infinity): a recurrent state has no
// window, and the cost of the run, O(history x D^2), is small next to scoring the catalogue,
// O(items x D), for histories up to thousands of purchases.
import { checkRow } from '../memory';
import type { RankFn } from '../../train/protocol';
import { topN } from '../../eval/top-n';
import { gruStep } from './kernel';
import type { GruTables } from './params';

/** The GRU's state walking one history: push purchases one by one, score the catalogue at any point. */
export class GruRunner {
  readonly D: number;
  /** The current state h (float64). */
  h: Float64Array;
  private hNext: Float64Array;
  private readonly G: Float64Array;
  private readonly x: Float64Array;
  private readonly z: Float64Array;
  private readonly r: Float64Array;
  private readonly n: Float64Array;
  private readonly rh: Float64Array;

  constructor(private readonly tables: GruTables) {
    const D = tables.dim;
    this.D = D;
    this.G = Float64Array.from(tables.gates);
    const v = () => new Float64Array(D);
    this.h = v();
    this.hNext = v();
    this.x = v();
    this.z = v();
    this.r = v();
    this.n = v();
    this.rh = v();
  }

  /** Back to h_0 = 0 (no purchases). */
  reset(): this {
    this.h.fill(0);
    return this;
  }

  /** One purchase; a negative id is padding and skipped. */
  push(item: number): void {
    if (item < 0) return;
    checkRow(item, this.tables.nItems, 'history item');
    const D = this.D;
    const Q = this.tables.item;
    const xo = item * D;
    for (let d = 0; d < D; d++) this.x[d] = Q[xo + d];
    gruStep(this.G, D, this.x, 0, this.h, 0, this.z, this.r, this.n, this.rh, 0, this.hNext, 0);
    const swap = this.h;
    this.h = this.hNext;
    this.hNext = swap;
  }

  /** The state after `history` from h_0. */
  run(history: ArrayLike<number>): this {
    this.reset();
    for (let t = 0; t < history.length; t++) this.push(history[t]);
    return this;
  }

  /** h . q_i for every item, four partial sums per dot (the add-latency chain, as core/model/dot.ts). */
  scoreAll(out?: Float32Array): Float32Array {
    const { D, h } = this;
    const N = this.tables.nItems;
    if (out && out.length < N) throw new Error(`out has ${out.length} entries, need ${N}`);
    const result = out ?? new Float32Array(N);
    const Q = this.tables.item;
    const D4 = D - (D % 4);
    for (let i = 0; i < N; i++) {
      const o = i * D;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      for (; d < D4; d += 4) {
        s0 += h[d] * Q[o + d];
        s1 += h[d + 1] * Q[o + d + 1];
        s2 += h[d + 2] * Q[o + d + 2];
        s3 += h[d + 3] * Q[o + d + 3];
      }
      for (; d < D; d++) s0 += h[d] * Q[o + d];
      result[i] = s0 + s1 + (s2 + s3);
    }
    return result;
  }
}

/** Every item's score after `history` (oldest first, negative = padding). */
export function scoreAllItems(tables: GruTables, history: ArrayLike<number>, out?: Float32Array): Float32Array {
  return new GruRunner(tables).run(history).scoreAll(out);
}

/**
 * Top-n per user, best first, never an excluded item (RankFn's contract, core/train/protocol.ts):
 * memories[j] is user j's whole history to the cut (historyLength is Infinity). The users' ids
 * are not read: the GRU has no user parameters.
 */
export function rankAllUsers(tables: GruTables): RankFn {
  return (users, memories, excluded, n) => {
    if (memories.length !== users.length || excluded.length !== users.length) {
      throw new Error(`users (${users.length}), memories (${memories.length}) and excluded (${excluded.length}) must have the same length`);
    }
    const runner = new GruRunner(tables);
    const N = tables.nItems;
    const scores = new Float32Array(N);
    const mask = new Uint8Array(N);
    const results: Int32Array[] = [];
    for (let j = 0; j < users.length; j++) {
      runner.run(memories[j]).scoreAll(scores);
      const ex = excluded[j];
      for (let e = 0; e < ex.length; e++) {
        checkRow(ex[e], N, 'excluded item');
        mask[ex[e]] = 1;
      }
      results.push(topN(scores, n, mask));
      for (let e = 0; e < ex.length; e++) mask[ex[e]] = 0;
    }
    return results;
  };
}

/**
 * Scores at successive steps of one timeline (ModelSpec.timelineScorer): step t's scores come
 * from the state after items[0, t), advanced one purchase per step instead of re-run from h_0,
 * so walking a 2,000-step timeline costs 2,000 GRU steps, not 2 million.
 */
export function timelineScores(tables: GruTables, items: Int32Array): (t: number, out: Float32Array) => Float32Array {
  const runner = new GruRunner(tables);
  let at = 0;
  return (t, out) => {
    if (!(Number.isInteger(t) && t >= 0 && t <= items.length)) throw new Error(`step ${t} outside 0..${items.length}`);
    if (t < at) {
      runner.reset();
      at = 0;
    }
    for (; at < t; at++) runner.push(items[at]);
    return runner.scoreAll(out);
  };
}
