import type { RumItemParams } from './params';

export function checkRow(id: number, n: number, what: string): void {
  if (!Number.isInteger(id) || id < 0 || id >= n) throw new Error(`${what} id ${id} outside 0..${n - 1}`);
}

/**
 * The memory items actually read, as the FIFO memory holds them: non-negative ids (negative
 * entries are padding), the last K of them, oldest first; none when alpha = 0 (plain MF).
 */
export function readMemory(params: RumItemParams, memory: ArrayLike<number>): Int32Array {
  const { slots, alpha } = params.config;
  if (alpha === 0) return new Int32Array(0);
  let real = 0;
  for (let k = 0; k < memory.length; k++) if (memory[k] >= 0) real++;
  const n = Math.min(real, slots);
  const out = new Int32Array(n);
  let skip = real - n;
  for (let k = 0, j = 0; k < memory.length && j < n; k++) {
    const m = memory[k];
    if (m < 0) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    checkRow(m, params.nItems, 'memory item');
    out[j++] = m;
  }
  return out;
}
