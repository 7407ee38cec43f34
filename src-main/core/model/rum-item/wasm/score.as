// Item-level RUM's full-ranking scorer in AssemblyScript with 128-bit SIMD (f32x4): every item's
// logit for a batch of users, the maths of ../score.ts (scoreAllItems) in float32 where score.ts
// sums in float64:
//   logit_i = p_u . q_i + alpha sum_k z_k (m_k . q_i),  z = softmax_k(beta q_i . m_k),
// with m_k the item rows of the user's memory (at most K, read by the JS side).
// score-wasm.test.ts holds the two equal.
//
// Built by scripts/build-wasm.mjs (`npm run build:wasm`) into score-wasm.generated.ts. The file is
// AssemblyScript, not TypeScript (f32, v128, load<T>), hence the .as name.
//
// Memory. The module imports one (unshared) memory and allocates nothing: ../score-wasm.ts lays
// out, and grows, the regions whose byte offsets every call takes:
// - qt: the item table transposed in blocks of 4 items (lanes): block b holds, for d = 0..D-1,
//   the f32x4 [q_4b[d], q_4b+1[d], q_4b+2[d], q_4b+3[d]]; the last block is padded with zero
//   items. So one f32x4 holds the same coordinate of 4 items and a dot product of a user row with
//   4 items is a sum of splat(row[d]) * block[d]: no horizontal sums, any D.
// - rows: per user (stride rowStride bytes) the rows [p_u, m_1, .., m_L] at stride D floats.
// - lens: per user L (i32), the memory rows read (0 when alpha = 0).
// - out: per user (stride outStride bytes) the logits of every item, blocks of 4 (padded).
// - w: scratch of (Kmax + 1) f32x4, a block's dot products with each row.

/**
 * e^x lane-wise for x <= 0 (beta w - max in the softmax): kernel.as's exp4, x = n ln2 + r with
 * n = round(x / ln2), Cephes' expf polynomial for e^r and 2^n built in the exponent bits. Within
 * about 2 ulp; x is clamped at -87.3, so the smallest result is about 1e-38, never a denormal.
 */
@inline function exp4(x0: v128): v128 {
  const x = f32x4.pmax(x0, f32x4.splat(-87.3));
  const magic = f32x4.splat(12582912.0);
  const t = f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504088896341)), magic);
  const n = f32x4.sub(t, magic);
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let y = f32x4.splat(1.9875691500e-4);
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, r), f32x4.splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(y, f32x4.mul(r, r)), r), f32x4.splat(1));
  // t's bits are those of 1.5 * 2^23 (0x4b400000) plus n.
  const pow2n = i32x4.shl(i32x4.add(t, i32x4.splat(127 - 0x4b400000)), 23);
  return f32x4.mul(y, pow2n);
}

/**
 * Dot products of two item blocks (8 items: qa, qb) with rows rows[r0 ..< r1] (row r at
 * R + r * rowBytes): f32x4 per row and block, into w (block a's at w + 32 r, b's at w + 32 r + 16).
 */
@inline function dots(qa: usize, qb: usize, R: usize, rowBytes: usize, r1: i32, D: i32, w: usize): void {
  let r = 0;
  const end = <usize>D << 2;
  // Four rows at a time: per coordinate 2 block loads and 4 splats feed 8 multiply-adds.
  for (; r + 4 <= r1; r += 4) {
    const R0 = R + <usize>r * rowBytes;
    const R1 = R0 + rowBytes;
    const R2 = R1 + rowBytes;
    const R3 = R2 + rowBytes;
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    let b0 = f32x4.splat(0);
    let b1 = f32x4.splat(0);
    let b2 = f32x4.splat(0);
    let b3 = f32x4.splat(0);
    for (let o: usize = 0; o < end; o += 4) {
      const xa = v128.load(qa + (o << 2));
      const xb = v128.load(qb + (o << 2));
      const s0 = v128.load32_splat(R0 + o);
      const s1 = v128.load32_splat(R1 + o);
      const s2 = v128.load32_splat(R2 + o);
      const s3 = v128.load32_splat(R3 + o);
      a0 = f32x4.add(a0, f32x4.mul(s0, xa));
      b0 = f32x4.add(b0, f32x4.mul(s0, xb));
      a1 = f32x4.add(a1, f32x4.mul(s1, xa));
      b1 = f32x4.add(b1, f32x4.mul(s1, xb));
      a2 = f32x4.add(a2, f32x4.mul(s2, xa));
      b2 = f32x4.add(b2, f32x4.mul(s2, xb));
      a3 = f32x4.add(a3, f32x4.mul(s3, xa));
      b3 = f32x4.add(b3, f32x4.mul(s3, xb));
    }
    const at = w + (<usize>r << 5);
    v128.store(at, a0);
    v128.store(at, b0, 16);
    v128.store(at, a1, 32);
    v128.store(at, b1, 48);
    v128.store(at, a2, 64);
    v128.store(at, b2, 80);
    v128.store(at, a3, 96);
    v128.store(at, b3, 112);
  }
  // The last 1..3 rows one at a time.
  for (; r < r1; r++) {
    const R0 = R + <usize>r * rowBytes;
    let a0 = f32x4.splat(0);
    let b0 = f32x4.splat(0);
    for (let o: usize = 0; o < end; o += 4) {
      const s0 = v128.load32_splat(R0 + o);
      a0 = f32x4.add(a0, f32x4.mul(s0, v128.load(qa + (o << 2))));
      b0 = f32x4.add(b0, f32x4.mul(s0, v128.load(qb + (o << 2))));
    }
    const at = w + (<usize>r << 5);
    v128.store(at, a0);
    v128.store(at, b0, 16);
  }
}

/** The logits of 4 items from their dots in w (stride 32 bytes): row 0 the intrinsic part, rows 1..L the memory. */
@inline function logits(w: usize, L: i32, alpha: v128, beta: v128): v128 {
  const intrinsic = v128.load(w);
  if (L == 0) return intrinsic;
  // A max-shifted softmax: every exponent <= 0, the largest term exactly 1, so S >= 1.
  let m = f32x4.mul(beta, v128.load(w, 32));
  for (let k = 2; k <= L; k++) m = f32x4.pmax(m, f32x4.mul(beta, v128.load(w + (<usize>k << 5))));
  let S = f32x4.splat(0);
  let F = f32x4.splat(0);
  for (let k = 1; k <= L; k++) {
    const x = v128.load(w + (<usize>k << 5));
    const e = exp4(f32x4.sub(f32x4.mul(beta, x), m));
    S = f32x4.add(S, e);
    F = f32x4.add(F, f32x4.mul(e, x));
  }
  return f32x4.add(intrinsic, f32x4.div(f32x4.mul(alpha, F), S));
}

/**
 * Logits of items [4 * block0, 4 * block1) for users 0..B-1: out_b[i] for every user b and item
 * i of those blocks (block1 - block0 even; the table has a zero block past the last if needed).
 * Items in chunks of `chunk` blocks (even) outer, users inner, so a chunk of the table stays in
 * cache while every user of the batch reads it.
 */
export function score(
  qt: usize,
  block0: i32,
  block1: i32,
  D: i32,
  rows: usize,
  rowStride: usize,
  lens: usize,
  B: i32,
  alpha: f32,
  beta: f32,
  out: usize,
  outStride: usize,
  w: usize,
  chunk: i32,
): void {
  const blockBytes = <usize>D << 4;
  const rowBytes = <usize>D << 2;
  const va = f32x4.splat(alpha);
  const vb = f32x4.splat(beta);
  for (let c0 = block0; c0 < block1; c0 += chunk) {
    const c1 = min(block1, c0 + chunk);
    for (let b = 0; b < B; b++) {
      const R = rows + <usize>b * rowStride;
      const L = load<i32>(lens + (<usize>b << 2));
      const o = out + <usize>b * outStride;
      for (let blk = c0; blk < c1; blk += 2) {
        const qa = qt + <usize>blk * blockBytes;
        dots(qa, qa + blockBytes, R, rowBytes, L + 1, D, w);
        const at = o + (<usize>blk << 4);
        v128.store(at, logits(w, L, va, vb));
        v128.store(at, logits(w + 16, L, va, vb), 16);
      }
    }
  }
}
