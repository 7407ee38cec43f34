import type { RumItemParams } from './rum-item/params';

export function checkRow(id: number, n: number, what: string): void {
  if (!Number.isInteger(id) || id < 0 || id >= n) throw new Error(`${what} id ${id} outside 0..${n - 1}`);
}

/**
 * THE memory reader: the FIFO memory after the purchases seq[0, end), i.e. the last `slots` real
 * entries (non-negative ids; negative entries are padding and skipped), oldest first. Writes them
 * to out[outAt ..] and returns how many. Training examples, ranking, explanations and the tfjs
 * path all read "the last K purchases before step t" through this one function.
 */
export function memoryInto(seq: ArrayLike<number>, end: number, slots: number, out: Int32Array, outAt = 0): number {
  // Walk back to the first entry the memory holds, then copy forward: O(K) when there is no padding.
  let start = end;
  let n = 0;
  while (start > 0 && n < slots) if (seq[--start] >= 0) n++;
  for (let s = start, j = outAt; s < end; s++) if (seq[s] >= 0) out[j++] = seq[s];
  return n;
}

/** The memory after seq[0, end) as a new array (see memoryInto). */
export function memoryBefore(seq: ArrayLike<number>, end: number, slots: number): Int32Array {
  const out = new Int32Array(Math.max(0, Math.min(slots, end)));
  const n = memoryInto(seq, end, slots, out);
  return n === out.length ? out : out.slice(0, n);
}

/**
 * The memory items a model actually reads from `memory` (oldest first, padding allowed): the last
 * K real ones, none when alpha = 0 (plain MF); every id range-checked.
 */
export function readMemory(params: RumItemParams, memory: ArrayLike<number>): Int32Array {
  const { slots, alpha } = params.config;
  if (alpha === 0) return new Int32Array(0);
  const out = memoryBefore(memory, memory.length, slots);
  for (const m of out) checkRow(m, params.nItems, 'memory item');
  return out;
}
