import { memoryBefore, memoryInto } from '../model/memory';
import type { RumItemBatch } from '../model/rum-item/kernel';
import type { Rng } from '../random';
import type { Split } from '../dataset/split';

/**
 * Where each user's training part is cut for validation: events [0, fitEnd) train the model,
 * [fitEnd, trainLength) choose the epoch. A user keeps at least one event to fit on.
 */
export function fitEnds(split: Split, validationPercent: number): Int32Array {
  return Int32Array.from(split.sequences, (s) => {
    if (validationPercent <= 0) return s.trainLength;
    const held = Math.max(1, Math.floor((s.trainLength * validationPercent) / 100));
    return s.trainLength - held >= 1 ? s.trainLength - held : s.trainLength;
  });
}

/** Sorted distinct items of seq[0, end): what a user "has bought" for sampling and exclusion. */
export function boughtBefore(items: Int32Array, end: number): Int32Array {
  return Int32Array.from(new Set(items.subarray(0, end))).sort();
}

function contains(sorted: Int32Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid];
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Training examples (user, position t): memory = the up-to-K purchases before t, positive = the
 * purchase at t, negatives drawn uniformly from items the user never bought in training.
 */
export class ExampleSampler {
  /** Example e is position exPos[e] of user exUser[e]. */
  readonly exUser: Int32Array;
  readonly exPos: Int32Array;
  private readonly bought: Int32Array[];

  constructor(
    private readonly split: Split,
    private readonly fitEnd: Int32Array,
    private readonly slots: number,
    private readonly negatives: number,
  ) {
    let total = 0;
    for (const e of fitEnd) total += e;
    this.exUser = new Int32Array(total);
    this.exPos = new Int32Array(total);
    let e = 0;
    split.sequences.forEach((s, u) => {
      for (let t = 0; t < fitEnd[u]; t++) {
        this.exUser[e] = u;
        this.exPos[e++] = t;
      }
    });
    // Negatives avoid everything bought in training, validation part included: sampling a
    // held-out purchase as a negative would teach the model to rank it low.
    this.bought = split.sequences.map((s) => boughtBefore(s.items, s.trainLength));
  }

  get size(): number {
    return this.exUser.length;
  }

  /** A fresh random order of the examples (an Int32Array of example ids). */
  order(rng: Rng): Int32Array {
    const o = Int32Array.from({ length: this.size }, (_, i) => i);
    return rng.shuffle(o);
  }

  /** Fills `batch` with examples order[from, to), drawing negatives. */
  fill(batch: RumItemBatch, order: Int32Array, from: number, to: number, rng: Rng): void {
    const K = this.slots;
    const C = 1 + this.negatives;
    const nItems = this.split.itemOf.length;
    batch.size = to - from;
    for (let b = 0; b < batch.size; b++) {
      const ex = order[from + b];
      const u = this.exUser[ex];
      const t = this.exPos[ex];
      const items = this.split.sequences[u].items;
      batch.users[b] = u;
      const len = memoryInto(items, t, K, batch.memory, b * K);
      batch.memoryLength[b] = len;
      batch.memory.fill(-1, b * K + len, (b + 1) * K);
      batch.candidates[b * C] = items[t];
      batch.labels[b * C] = 1;
      const bought = this.bought[u];
      for (let c = 1; c < C; c++) {
        let neg = rng.int(nItems);
        // Rejection sampling; a user who bought nearly everything falls back to any item.
        for (let tries = 0; tries < 100 && contains(bought, neg); tries++) neg = rng.int(nItems);
        batch.candidates[b * C + c] = neg;
        batch.labels[b * C + c] = 0;
      }
    }
  }
}

/** The memory a user has after the first `end` purchases (the one memory reader, model/memory.ts). */
export const memoryAt: (items: Int32Array, end: number, slots: number) => Int32Array = memoryBefore;
