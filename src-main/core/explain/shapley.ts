// Exact Shapley values of the memory slots in item-level RUM's logit (docs/explanations.md).
//
// For one candidate item i with K filled slots, w_k = m_k . q_i is the attention's affinity and
// d_k the dot the slot contributes (in item-level RUM the same number; kept apart so the game is
// stated in general). The game is
//   v(S) = alpha * sum_{k in S} softmax_S(beta w)_k d_k,   v(empty) = 0,
// the memory part of the logit if only the slots in S were in the memory (the softmax re-taken
// over S). The intrinsic part is the baseline, so the values sum to the memory part.
//
// Shapley's formula, phi_k = sum_{S not containing k} c_|S| (v(S + k) - v(S)) with
// c_s = s!(K-s-1)!/K!, regrouped by the subset T each v(T) is taken at:
//   phi_k = sum_{T containing k} (c_{|T|-1} + c_|T|) v(T) - G,   G = sum_T c_|T| v(T), c_K = 0.
// So one pass over the 2^K subsets computes every v(T) in O(1) from running sums (each subset's
// sums from the subset minus its top slot), and the per-slot sums over "T containing k" come from
// halving the array once per slot (O(2^K) in all), instead of K x 2^(K-1) marginal differences.

/** The largest memory enumerated exactly: 2^20 subsets, 8 MB of scratch (two Float64Arrays of 2^19). */
export const SHAPLEY_MAX_SLOTS = 20;

/**
 * The Shapley weights c_s = s!(K-s-1)!/K! = 1 / (K * C(K-1, s)) for s = 0..K-1: the weight of
 * the marginal v(S + k) - v(S) for a coalition S of size s. For each k they sum to 1 over all S
 * not containing k.
 */
export function shapleyWeights(K: number): Float64Array {
  if (!Number.isInteger(K) || K < 0) throw new RangeError(`K must be a whole number >= 0, got ${K}`);
  const c = new Float64Array(K);
  // C(K-1, s) built by the exact integer recurrence (all values < 2^53 for any K used here).
  let binom = 1;
  for (let s = 0; s < K; s++) {
    c[s] = 1 / (K * binom);
    binom = (binom * (K - 1 - s)) / (s + 1);
  }
  return c;
}

/**
 * The exact Shapley value of each memory slot in the game above, in the slots' order. Sums to
 * alpha * sum_k z_k d_k (z = softmax(beta w)) to rounding; two identical slots get equal values.
 * `w` and `d` have one entry per filled slot (K = w.length <= SHAPLEY_MAX_SLOTS); K = 0 gives an
 * empty array. Time and memory O(2^K): 8 MB of scratch at K = 20, kept for the next call.
 */
export function shapleyValues(w: ArrayLike<number>, d: ArrayLike<number>, alpha: number, beta: number): Float64Array {
  const K = w.length;
  if (d.length !== K) throw new RangeError(`w and d must have one entry per slot, got ${K} and ${d.length}`);
  if (K > SHAPLEY_MAX_SLOTS) throw new RangeError(`exact Shapley values are computed for at most ${SHAPLEY_MAX_SLOTS} slots, got ${K}`);
  if (!Number.isFinite(alpha) || !Number.isFinite(beta)) throw new RangeError(`alpha and beta must be finite, got ${alpha} and ${beta}`);
  for (let k = 0; k < K; k++) {
    // beta w is checked too: a product that overflows would turn the softmax into NaN.
    if (!Number.isFinite(beta * w[k]) || !Number.isFinite(d[k])) throw new RangeError(`beta w and d must be finite (slot ${k}: w ${w[k]}, d ${d[k]})`);
  }
  const phi = new Float64Array(K);
  if (K === 0) return phi;

  // Slots in ascending order of beta w (ties: slot order), so that the highest bit of a subset T
  // is its largest beta w. Each subset's sums are then taken relative to its own maximum: they
  // never overflow, the denominator is at least 1, and a small subset of slots far below the
  // others (beta w differences past ~745, where a global maximum would make exp underflow to
  // 0/0) still gets its own softmax.
  const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => beta * w[a] - beta * w[b] || a - b);
  const r = Float64Array.from(order, (k) => beta * w[k]);
  const dd = Float64Array.from(order, (k) => d[k]);

  // The subsets T of the lower K-1 slots (in that order) have S[T] = sum_{j in T} exp(r_j - r_top(T))
  // and F[T] = the same weighted by d_j, so v(T) = alpha F[T] / S[T]. T = 2^h + m (m < 2^h) adds
  // slot h, now the top, to m: m's sums were taken relative to m's own top j, so they are scaled
  // by exp(r_j - r_h) <= 1. The masks m with top j form one contiguous block, so every inner loop
  // is a plain run over the array. The subsets holding the top slot K-1 (half of them) are never
  // a parent, so they are not stored: their values are used as they are made, below.
  const top = K - 1;
  const half = 1 << top;
  const { S, F } = scratchFor(half);
  for (let h = 0; h < top; h++) {
    const base = 1 << h;
    const dh = dd[h];
    S[base] = 1;
    F[base] = dh;
    for (let j = 0; j < h; j++) {
      const f = Math.exp(r[j] - r[h]);
      const end = 2 << j;
      for (let m = 1 << j; m < end; m++) {
        S[base + m] = 1 + S[m] * f;
        F[base + m] = dh + F[m] * f;
      }
    }
  }

  // g(T) = (c_{|T|-1} + c_|T|) v(T) and G = sum_T c_|T| v(T), with c_K = 0 (the full set is no
  // coalition "without k"). One pass over the lower subsets m takes v(m) and v(m + top) together:
  // it adds g(m + top) to the top slot's sum and leaves g(m) + g(m + top) in S[m] (no longer
  // needed as a parent), the array already folded once for the lower slots.
  const c = new Float64Array(K + 1);
  c.set(shapleyWeights(K));
  const a = new Float64Array(K + 1);
  for (let t = 1; t <= K; t++) a[t] = c[t - 1] + c[t];
  const g = S;
  const dTop = dd[top];
  const vTop = alpha * dTop; // v({top}), m = 0
  g[0] = a[1] * vTop;
  let topSum = a[1] * vTop;
  let G = c[1] * vTop;
  for (let j = 0; j < top; j++) {
    const f = Math.exp(r[j] - r[top]);
    const end = 2 << j;
    // Chunks of CHUNK terms summed apart, then added: the rounding of these long sums grows with
    // CHUNK + 2^K / CHUNK terms instead of 2^K.
    for (let from = 1 << j; from < end; from += CHUNK) {
      const to = Math.min(end, from + CHUNK);
      let sTop = 0;
      let sG = 0;
      for (let m = from; m < to; m++) {
        const sm = S[m];
        const fm = F[m];
        const vm = (alpha * fm) / sm;
        const vt = (alpha * (dTop + fm * f)) / (1 + sm * f);
        const t = popcount(m);
        const gt = a[t + 1] * vt;
        sTop += gt;
        sG += c[t] * vm + c[t + 1] * vt;
        g[m] = a[t] * vm + gt;
      }
      topSum += sTop;
      G += sG;
    }
  }
  phi[order[top]] = topSum - G;

  // sum_{T containing h} g(T) for the lower slots, highest first: the masks with bit h set are
  // the upper half of the first 2^(h+1) entries; folding that half onto the lower one leaves,
  // for every slot below h, the same sums over masks of the lower bits. 2^K additions in all.
  for (let h = top - 1; h >= 0; h--) {
    const hh = 1 << h;
    let sum = 0;
    for (let from = 0; from < hh; from += CHUNK) {
      const to = Math.min(hh, from + CHUNK);
      let s = 0;
      for (let m = from; m < to; m++) {
        const x = g[m + hh];
        s += x;
        g[m] += x;
      }
      sum += s;
    }
    phi[order[h]] = sum - G;
  }
  return phi;
}

const CHUNK = 1024;

// Scratch reused from call to call: an explanation asks for one set of values per explained
// item, and a fresh 8 MB at K = 20 each time added about a third to the time (allocation and
// garbage collection; 18 against 13.5 ms median on the 2-core development machine). Safe because
// the computation is synchronous (nothing else runs in between) and every entry read is written
// first in the same call. It stays allocated at the largest K seen.
let scratch = new Float64Array(0);

function scratchFor(n: number): { S: Float64Array; F: Float64Array } {
  if (scratch.length < 2 * n) scratch = new Float64Array(2 * n);
  return { S: scratch.subarray(0, n), F: scratch.subarray(n, 2 * n) };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
