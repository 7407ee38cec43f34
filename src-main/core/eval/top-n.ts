// The N best items for one user. Evaluation ranks every item (25k+) for every test user but keeps
// only N = 5, so a full sort would waste almost all its work: a size-N min-heap of the best
// seen so far makes it one pass over the scores, O(items · log N).

/** Items the user may not be recommended: a mask (non-zero = excluded) or a predicate. */
export type Exclusion = Uint8Array | ((item: number) => boolean);

/**
 * Indices of the n highest scores, best first. Equal scores rank the lower index first so that
 * results do not depend on iteration details. NaN ranks below every real score, even -Infinity,
 * so a broken score can never push out a genuine one; it is returned only when fewer than n
 * real candidates remain. Returns fewer than n indices when fewer items are available.
 */
export function topN(scores: ArrayLike<number>, n: number, excluded?: Exclusion): Int32Array {
  const size = Math.max(0, Math.min(Math.floor(n), scores.length));
  const heapIdx = new Int32Array(size);
  // Keys as stored in the heap: NaN becomes -Infinity, and heapNaN breaks the tie against it.
  const heapKey = new Float64Array(size);
  const heapNaN = new Uint8Array(size);
  let count = 0;
  if (size === 0) return heapIdx;

  const mask = excluded instanceof Uint8Array ? excluded : undefined;
  const pred = typeof excluded === 'function' ? excluded : undefined;

  // Heap order: the root is the worst kept item. "a worse than b" = lower key, or NaN against a
  // real score, or same key and higher index.
  const worse = (a: number, b: number): boolean => {
    if (heapKey[a] !== heapKey[b]) return heapKey[a] < heapKey[b];
    if (heapNaN[a] !== heapNaN[b]) return heapNaN[a] > heapNaN[b];
    return heapIdx[a] > heapIdx[b];
  };
  const swap = (a: number, b: number): void => {
    const i = heapIdx[a];
    heapIdx[a] = heapIdx[b];
    heapIdx[b] = i;
    const k = heapKey[a];
    heapKey[a] = heapKey[b];
    heapKey[b] = k;
    const z = heapNaN[a];
    heapNaN[a] = heapNaN[b];
    heapNaN[b] = z;
  };
  const siftDown = (start: number, end: number): void => {
    let p = start;
    for (;;) {
      const l = 2 * p + 1;
      if (l >= end) return;
      const r = l + 1;
      const c = r < end && worse(r, l) ? r : l;
      if (!worse(c, p)) return;
      swap(c, p);
      p = c;
    }
  };

  for (let i = 0; i < scores.length; i++) {
    if (mask !== undefined ? mask[i] !== 0 : pred !== undefined && pred(i)) continue;
    const s = scores[i];
    const nan = s !== s;
    const key = nan ? -Infinity : s;
    if (count < size) {
      let c = count++;
      heapIdx[c] = i;
      heapKey[c] = key;
      heapNaN[c] = nan ? 1 : 0;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
      continue;
    }
    // Indices arrive in increasing order, so a tie with the root always loses to it: only a
    // strictly better candidate (or a real score against a NaN root) gets in.
    if (key > heapKey[0] || (!nan && heapNaN[0] === 1)) {
      heapIdx[0] = i;
      heapKey[0] = key;
      heapNaN[0] = nan ? 1 : 0;
      siftDown(0, size);
    }
  }

  // Heap-sort in place: repeatedly moving the worst to the end leaves the array best first.
  for (let end = count - 1; end > 0; end--) {
    swap(0, end);
    siftDown(0, end);
  }
  return count === size ? heapIdx : heapIdx.slice(0, count);
}
