// Item-level RUM's fused training step in AssemblyScript with 128-bit SIMD (f32x4): the maths of
// ../kernel.ts (forward, analytic backward, per-row gradient sums, lazy Adam over the touched
// rows), in float32 where kernel.ts sums in float64. kernel-wasm.test.ts holds the two equal.
//
// Built by scripts/build-wasm.mjs (`npm run build:wasm`) into kernel-wasm.generated.ts. The file
// is AssemblyScript, not TypeScript (f32, v128, load<T>), hence the .as name: the build hands it
// to the compiler as a .ts file.
//
// Memory. The module imports one shared memory and allocates nothing: the JS side
// (../kernel-wasm.ts) lays out the tables, the Adam moments and each thread's scratch in it, up
// front, and hands this instance its thread's header (init). Tables are row-major at stride D,
// as the rest of the program reads them; every scratch row (example rows, gradient sums) is
// padded to Dp = D rounded up to 8 with zero lanes, so the SIMD loops (4 or 8 lanes a step)
// have no tails there.
// Two threads (two instances on one memory) share the tables and moments Hogwild-style, each
// with its own scratch; globals are per instance.

// ---------------------------------------------------------------------------------------------
// Header: i32 fields at these byte offsets, written by kernel-wasm.ts (HEADER_FIELDS there).

const H_DIM: usize = 0;
const H_SLOTS: usize = 4;
const H_N_USERS: usize = 8;
const H_N_ITEMS: usize = 12;
const H_ALPHA: usize = 16; // f32
const H_BETA: usize = 20; // f32
const H_USER: usize = 24;
const H_ITEM: usize = 28;
const H_M_USER: usize = 32;
const H_V_USER: usize = 36;
const H_M_ITEM: usize = 40;
const H_V_ITEM: usize = 44;
const H_USERS: usize = 48;
const H_MEMORY: usize = 52;
const H_MEMORY_LENGTH: usize = 56;
const H_CANDIDATES: usize = 60;
const H_LABELS: usize = 64;
const H_U_ROWS: usize = 68;
const H_U_GRAD: usize = 72;
const H_U_SLOT: usize = 76;
const H_I_ROWS: usize = 80;
const H_I_GRAD: usize = 84;
const H_I_SLOT: usize = 88;
const H_PV: usize = 92;
const H_QV: usize = 96;
const H_MV: usize = 100;
const H_W: usize = 104;
const H_Z: usize = 108;
const H_F: usize = 112;
const H_G: usize = 116;
const H_COEF: usize = 120;
const H_MEM_OFF: usize = 124;
const H_Q_OFF: usize = 128;
const H_U_COUNT: usize = 132; // written back by accumulate: rows in the user sums
const H_I_COUNT: usize = 136; // and in the item sums
const H_SINK: usize = 140; // the prefetch loads' sum (see touch)

let hdr: usize = 0;
let D: i32 = 0;
let Dp: i32 = 0;
let D4: i32 = 0;
let K: i32 = 0;
let Kp: i32 = 0;
let nUsers: i32 = 0;
let nItems: i32 = 0;
let alpha: f32 = 0;
let beta: f32 = 0;
let P: usize = 0;
let Q: usize = 0;
let MU: usize = 0;
let VU: usize = 0;
let MI: usize = 0;
let VI: usize = 0;
let users: usize = 0;
let memItems: usize = 0;
let memoryLength: usize = 0;
let candidates: usize = 0;
let labels: usize = 0;
let uRows: usize = 0;
let uGrad: usize = 0;
let uSlot: usize = 0;
let uCount: i32 = 0;
let iRows: usize = 0;
let iGrad: usize = 0;
let iSlot: usize = 0;
let iCount: i32 = 0;
// One example's rows: the user's, each candidate's (C x Dp), each memory slot's (Kp x Dp).
let pv: usize = 0;
let qv: usize = 0;
let mv: usize = 0;
// Per candidate: the slot dots w and attention z (C x Kp), the memory read f, dLoss/dlogit g.
let wb: usize = 0;
let zb: usize = 0;
let fb: usize = 0;
let gb: usize = 0;
// Per slot: the backward coefficient, and the byte address of the slot's gradient sum row.
let coefb: usize = 0;
let memOff: usize = 0;
// Per candidate: the byte address of its gradient sum row.
let qOff: usize = 0;

/** Reads this thread's header. Call once per instance, before anything else. */
export function init(header: usize): void {
  hdr = header;
  D = load<i32>(header + H_DIM);
  Dp = (D + 7) & ~7;
  D4 = D & ~3;
  K = load<i32>(header + H_SLOTS);
  nUsers = load<i32>(header + H_N_USERS);
  nItems = load<i32>(header + H_N_ITEMS);
  Kp = (K + 3) & ~3;
  alpha = load<f32>(header + H_ALPHA);
  beta = load<f32>(header + H_BETA);
  P = <usize>load<u32>(header + H_USER);
  Q = <usize>load<u32>(header + H_ITEM);
  MU = <usize>load<u32>(header + H_M_USER);
  VU = <usize>load<u32>(header + H_V_USER);
  MI = <usize>load<u32>(header + H_M_ITEM);
  VI = <usize>load<u32>(header + H_V_ITEM);
  users = <usize>load<u32>(header + H_USERS);
  memItems = <usize>load<u32>(header + H_MEMORY);
  memoryLength = <usize>load<u32>(header + H_MEMORY_LENGTH);
  candidates = <usize>load<u32>(header + H_CANDIDATES);
  labels = <usize>load<u32>(header + H_LABELS);
  uRows = <usize>load<u32>(header + H_U_ROWS);
  uGrad = <usize>load<u32>(header + H_U_GRAD);
  uSlot = <usize>load<u32>(header + H_U_SLOT);
  iRows = <usize>load<u32>(header + H_I_ROWS);
  iGrad = <usize>load<u32>(header + H_I_GRAD);
  iSlot = <usize>load<u32>(header + H_I_SLOT);
  pv = <usize>load<u32>(header + H_PV);
  qv = <usize>load<u32>(header + H_QV);
  mv = <usize>load<u32>(header + H_MV);
  wb = <usize>load<u32>(header + H_W);
  zb = <usize>load<u32>(header + H_Z);
  fb = <usize>load<u32>(header + H_F);
  gb = <usize>load<u32>(header + H_G);
  coefb = <usize>load<u32>(header + H_COEF);
  memOff = <usize>load<u32>(header + H_MEM_OFF);
  qOff = <usize>load<u32>(header + H_Q_OFF);
  uCount = 0;
  iCount = 0;
}

// ---------------------------------------------------------------------------------------------
// Small SIMD helpers

/** Sum of the four lanes. */
// @ts-ignore: decorator
@inline function hsum(v: v128): f32 {
  const s = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.add(s, v128.shuffle<f32>(s, s, 1, 0, 3, 2)), 0);
}

/** The lane-wise sums of four vectors, as one vector: [sum a, sum b, sum c, sum d]. */
// @ts-ignore: decorator
@inline function hsum4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 4, 1, 5), v128.shuffle<f32>(a, b, 2, 6, 3, 7));
  const cd = f32x4.add(v128.shuffle<f32>(c, d, 0, 4, 1, 5), v128.shuffle<f32>(c, d, 2, 6, 3, 7));
  return f32x4.add(v128.shuffle<f32>(ab, cd, 0, 1, 4, 5), v128.shuffle<f32>(ab, cd, 2, 3, 6, 7));
}

/**
 * e^x lane-wise for x <= 0, the only exponents the kernel takes (beta w - max in the softmax,
 * -|x| in the losses): x = n ln2 + r with n = round(x / ln2) and |r| <= ln2 / 2, Cephes' expf
 * polynomial for e^r, and 2^n built in the exponent bits. Within about 2 ulp; x is clamped at
 * -87.3, so the smallest result is about 1e-38, never a denormal. Rounding by adding 1.5 * 2^23
 * (whose low mantissa bits then hold n) and the pseudo-max keep to instructions SSE has:
 * wasm's exact floor, trunc_sat and max cost V8 several instructions each.
 */
function exp4(x0: v128): v128 {
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

function expf(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

// ---------------------------------------------------------------------------------------------
// Prefetch. wasm has no prefetch instruction, and much of the kernel's time goes to waiting for
// table rows drawn at random from memory (the tables outgrow the caches); so the rows the next
// example (and the next Adam rows) will read are touched ahead, one load per cache line, while
// this one computes. The loaded values are summed into `sink`, stored at the end (header field
// H_SINK), so that no optimiser drops the loads.

let sink: i32 = 0;

// @ts-ignore: decorator
@inline function touch(at: usize, bytes: usize): void {
  let s = sink;
  for (let o: usize = 0; o < bytes; o += 64) s += load<u8>(at + o);
  s += load<u8>(at + bytes - 1);
  sink = s;
}

// ---------------------------------------------------------------------------------------------
// Per-row gradient sums: a row seen several times in a batch gets one row of sums (slot), whose
// byte address the claim returns; slot arrays hold -1 for rows not yet seen.

/** Zeroes one padded scratch row (memory.fill is a call out of the compiled code in V8). */
// @ts-ignore: decorator
@inline function zeroRow(at: usize): void {
  const zero = f32x4.splat(0);
  for (let d = 0; d < Dp; d += 8) {
    v128.store(at + (<usize>d << 2), zero);
    v128.store(at + (<usize>d << 2), zero, 16);
  }
}

// @ts-ignore: decorator
@inline function claimUser(row: i32): usize {
  const at = uSlot + (<usize>row << 2);
  let s = load<i32>(at);
  if (s < 0) {
    s = uCount++;
    store<i32>(at, s);
    store<i32>(uRows + (<usize>s << 2), row);
    zeroRow(uGrad + <usize>s * <usize>Dp * 4);
  }
  return uGrad + <usize>s * <usize>Dp * 4;
}

// @ts-ignore: decorator
@inline function claimItem(row: i32): usize {
  const at = iSlot + (<usize>row << 2);
  let s = load<i32>(at);
  if (s < 0) {
    s = iCount++;
    store<i32>(at, s);
    store<i32>(iRows + (<usize>s << 2), row);
    zeroRow(iGrad + <usize>s * <usize>Dp * 4);
  }
  return iGrad + <usize>s * <usize>Dp * 4;
}

function resetSums(): void {
  for (let s = 0; s < uCount; s++) store<i32>(uSlot + (<usize>load<i32>(uRows + (<usize>s << 2)) << 2), -1);
  for (let s = 0; s < iCount; s++) store<i32>(iSlot + (<usize>load<i32>(iRows + (<usize>s << 2)) << 2), -1);
  uCount = 0;
  iCount = 0;
}

/**
 * Copies table row `src` (D floats) into the padded buffer `dst` (its pad lanes stay zero), adds
 * r2 times it to the gradient sum row `sum` (the L2 term of this occurrence) and returns its
 * squared norm.
 */
function loadRow(src: usize, dst: usize, sum: usize, r2: f32): f32 {
  const r = f32x4.splat(r2);
  if (D == Dp) {
    // D a multiple of 8 (32, the default): one pass, eight coordinates a step.
    let sa = f32x4.splat(0);
    let sb = f32x4.splat(0);
    for (let d = 0; d < Dp; d += 8) {
      const o = <usize>d << 2;
      const xa = v128.load(src + o, 0, 4);
      const xb = v128.load(src + o, 16, 4);
      v128.store(dst + o, xa);
      v128.store(dst + o, xb, 16);
      sa = f32x4.add(sa, f32x4.mul(xa, xa));
      sb = f32x4.add(sb, f32x4.mul(xb, xb));
      v128.store(sum + o, f32x4.add(v128.load(sum + o), f32x4.mul(r, xa)));
      v128.store(sum + o, f32x4.add(v128.load(sum + o, 16), f32x4.mul(r, xb)), 16);
    }
    return hsum(f32x4.add(sa, sb));
  }
  let d = 0;
  for (; d < D4; d += 4) v128.store(dst + (<usize>d << 2), v128.load(src + (<usize>d << 2), 0, 4));
  for (; d < D; d++) store<f32>(dst + (<usize>d << 2), load<f32>(src + (<usize>d << 2)));
  let sq = f32x4.splat(0);
  for (let e = 0; e < Dp; e += 4) {
    const o = <usize>e << 2;
    const x = v128.load(dst + o);
    sq = f32x4.add(sq, f32x4.mul(x, x));
    v128.store(sum + o, f32x4.add(v128.load(sum + o), f32x4.mul(r, x)));
  }
  return hsum(sq);
}

// ---------------------------------------------------------------------------------------------
// The batch

/** p . q_c, the intrinsic part of candidate c's logit. */
function intrinsic(c: i32): f32 {
  const q = qv + <usize>(c * Dp) * 4;
  let s = f32x4.splat(0);
  for (let d = 0; d < Dp; d += 4) s = f32x4.add(s, f32x4.mul(v128.load(pv + (<usize>d << 2)), v128.load(q + (<usize>d << 2))));
  return hsum(s);
}

/** w_k = m_k . q_c for the example's L slots, four slots at a time (their dots come out as one vector). */
function slotDots(c: i32, L: i32): void {
  const q = qv + <usize>(c * Dp) * 4;
  const w = wb + <usize>(c * Kp) * 4;
  const rowBytes = <usize>Dp * 4;
  const dp = Dp;
  for (let k = 0; k < L; k += 4) {
    const m0 = mv + <usize>k * rowBytes;
    const m1 = m0 + rowBytes;
    const m2 = m1 + rowBytes;
    const m3 = m2 + rowBytes;
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    for (let d = 0; d < dp; d += 4) {
      const o = <usize>d << 2;
      const x = v128.load(q + o);
      a0 = f32x4.add(a0, f32x4.mul(v128.load(m0 + o), x));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(m1 + o), x));
      a2 = f32x4.add(a2, f32x4.mul(v128.load(m2 + o), x));
      a3 = f32x4.add(a3, f32x4.mul(v128.load(m3 + o), x));
    }
    v128.store(w + (<usize>k << 2), hsum4(a0, a1, a2, a3));
  }
}

/** slotDots of candidates c0 and c1 at once: each load of a memory row serves both. */
function slotDotsPair(c0: i32, c1: i32, L: i32): void {
  const q0 = qv + <usize>(c0 * Dp) * 4;
  const q1 = qv + <usize>(c1 * Dp) * 4;
  const w0 = wb + <usize>(c0 * Kp) * 4;
  const w1 = wb + <usize>(c1 * Kp) * 4;
  const rowBytes = <usize>Dp * 4;
  const dp = Dp;
  for (let k = 0; k < L; k += 4) {
    const m0 = mv + <usize>k * rowBytes;
    const m1 = m0 + rowBytes;
    const m2 = m1 + rowBytes;
    const m3 = m2 + rowBytes;
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    let b0 = f32x4.splat(0);
    let b1 = f32x4.splat(0);
    let b2 = f32x4.splat(0);
    let b3 = f32x4.splat(0);
    for (let d = 0; d < dp; d += 4) {
      const o = <usize>d << 2;
      const x = v128.load(q0 + o);
      const y = v128.load(q1 + o);
      let m = v128.load(m0 + o);
      a0 = f32x4.add(a0, f32x4.mul(m, x));
      b0 = f32x4.add(b0, f32x4.mul(m, y));
      m = v128.load(m1 + o);
      a1 = f32x4.add(a1, f32x4.mul(m, x));
      b1 = f32x4.add(b1, f32x4.mul(m, y));
      m = v128.load(m2 + o);
      a2 = f32x4.add(a2, f32x4.mul(m, x));
      b2 = f32x4.add(b2, f32x4.mul(m, y));
      m = v128.load(m3 + o);
      a3 = f32x4.add(a3, f32x4.mul(m, x));
      b3 = f32x4.add(b3, f32x4.mul(m, y));
    }
    v128.store(w0 + (<usize>k << 2), hsum4(a0, a1, a2, a3));
    v128.store(w1 + (<usize>k << 2), hsum4(b0, b1, b2, b3));
  }
}

/**
 * The attention of candidate c over the L filled slots, from its slot dots w: z = softmax(beta
 * w) (lanes past L, stale rows, masked out), and the memory read f = sum_k z_k w_k, which it
 * returns and keeps for the backward.
 */
function attend(c: i32, L: i32): f32 {
  const w = wb + <usize>(c * Kp) * 4;
  const z = zb + <usize>(c * Kp) * 4;
  const bv = f32x4.splat(beta);
  const lanes = i32x4(0, 1, 2, 3);
  const minusInf = f32x4.splat(-Infinity);
  let mx = minusInf;
  for (let k = 0; k < L; k += 4) {
    const live = i32x4.lt_s(i32x4.add(lanes, i32x4.splat(k)), i32x4.splat(L));
    mx = f32x4.pmax(mx, v128.bitselect(f32x4.mul(bv, v128.load(w + (<usize>k << 2))), minusInf, live));
  }
  mx = f32x4.pmax(mx, v128.shuffle<f32>(mx, mx, 2, 3, 0, 1));
  mx = f32x4.pmax(mx, v128.shuffle<f32>(mx, mx, 1, 0, 3, 2));
  let sum = f32x4.splat(0);
  for (let k = 0; k < L; k += 4) {
    const live = i32x4.lt_s(i32x4.add(lanes, i32x4.splat(k)), i32x4.splat(L));
    const e = v128.and(exp4(f32x4.sub(f32x4.mul(bv, v128.load(w + (<usize>k << 2))), mx)), live);
    v128.store(z + (<usize>k << 2), e);
    sum = f32x4.add(sum, e);
  }
  const inv = f32x4.splat(1 / hsum(sum));
  let fv = f32x4.splat(0);
  for (let k = 0; k < L; k += 4) {
    const at = z + (<usize>k << 2);
    const zk = f32x4.mul(v128.load(at), inv);
    v128.store(at, zk);
    fv = f32x4.add(fv, f32x4.mul(zk, v128.load(w + (<usize>k << 2))));
  }
  const f = hsum(fv);
  store<f32>(fb + (<usize>c << 2), f);
  return f;
}

/** coef_k = g alpha z_k (1 + beta (w_k - f)) of candidate c's slots, into its row of coefb; 0 past L (z is). */
function coefficients(c: i32, L: i32, g: f32): void {
  const w = wb + <usize>(c * Kp) * 4;
  const z = zb + <usize>(c * Kp) * 4;
  const out = coefb + <usize>(c * Kp) * 4;
  const ga = f32x4.splat(g * alpha);
  const bv = f32x4.splat(beta);
  const f = f32x4.splat(load<f32>(fb + (<usize>c << 2)));
  const one = f32x4.splat(1);
  for (let k = 0; k < L; k += 4) {
    const o = <usize>k << 2;
    const t = f32x4.add(one, f32x4.mul(bv, f32x4.sub(v128.load(w + o), f)));
    v128.store(out + o, f32x4.mul(f32x4.mul(ga, v128.load(z + o)), t));
  }
}

/**
 * Backward of candidates c0 and c1 together (dLoss/dlogit g0, g1): adds g q to the user's sum
 * row `gp`, g p + sum_k coef_k m_k to each candidate's, and each slot's part sum_c coef_ck q_c to
 * its item's, eight coordinates at a time (Dp is a multiple of 8). Two candidates at once share
 * each load of a memory row and each update of a slot's sum. Every sum row is updated by a
 * read-add-write in turn, so rows that are the same item (a candidate that is also in the
 * memory, a slot twice) add up right.
 */
function backwardPair(c0: i32, c1: i32, L: i32, g0: f32, g1: f32, gp: usize): void {
  const q0 = qv + <usize>(c0 * Dp) * 4;
  const q1 = qv + <usize>(c1 * Dp) * 4;
  const s0 = <usize>load<u32>(qOff + (<usize>c0 << 2));
  const s1 = <usize>load<u32>(qOff + (<usize>c1 << 2));
  const k0 = coefb + <usize>(c0 * Kp) * 4;
  const k1 = coefb + <usize>(c1 * Kp) * 4;
  const gv0 = f32x4.splat(g0);
  const gv1 = f32x4.splat(g1);
  const rowBytes = <usize>Dp * 4;
  for (let d = 0; d < Dp; d += 8) {
    const o = <usize>d << 2;
    const xa0 = v128.load(q0 + o);
    const xb0 = v128.load(q0 + o, 16);
    const xa1 = v128.load(q1 + o);
    const xb1 = v128.load(q1 + o, 16);
    const pa = v128.load(pv + o);
    const pb = v128.load(pv + o, 16);
    v128.store(gp + o, f32x4.add(v128.load(gp + o), f32x4.add(f32x4.mul(gv0, xa0), f32x4.mul(gv1, xa1))));
    v128.store(gp + o, f32x4.add(v128.load(gp + o, 16), f32x4.add(f32x4.mul(gv0, xb0), f32x4.mul(gv1, xb1))), 16);
    let aa0 = f32x4.mul(gv0, pa);
    let ab0 = f32x4.mul(gv0, pb);
    let aa1 = f32x4.mul(gv1, pa);
    let ab1 = f32x4.mul(gv1, pb);
    let m = mv + o;
    for (let k = 0; k < L; k++) {
      const ko = <usize>k << 2;
      const cf0 = v128.load32_splat(k0 + ko);
      const cf1 = v128.load32_splat(k1 + ko);
      const ma = v128.load(m);
      const mb = v128.load(m, 16);
      aa0 = f32x4.add(aa0, f32x4.mul(cf0, ma));
      ab0 = f32x4.add(ab0, f32x4.mul(cf0, mb));
      aa1 = f32x4.add(aa1, f32x4.mul(cf1, ma));
      ab1 = f32x4.add(ab1, f32x4.mul(cf1, mb));
      const gm = <usize>load<u32>(memOff + ko) + o;
      v128.store(gm, f32x4.add(v128.load(gm), f32x4.add(f32x4.mul(cf0, xa0), f32x4.mul(cf1, xa1))));
      v128.store(gm, f32x4.add(v128.load(gm, 16), f32x4.add(f32x4.mul(cf0, xb0), f32x4.mul(cf1, xb1))), 16);
      m += rowBytes;
    }
    // The candidates' sums are read only now: the loop above may have added to the same rows.
    v128.store(s0 + o, f32x4.add(v128.load(s0 + o), aa0));
    v128.store(s0 + o, f32x4.add(v128.load(s0 + o, 16), ab0), 16);
    v128.store(s1 + o, f32x4.add(v128.load(s1 + o), aa1));
    v128.store(s1 + o, f32x4.add(v128.load(s1 + o, 16), ab1), 16);
  }
}

/** backwardPair for one candidate (the odd one out when C is odd). */
function backwardOne(c: i32, L: i32, g: f32, gp: usize): void {
  const q = qv + <usize>(c * Dp) * 4;
  const sq = <usize>load<u32>(qOff + (<usize>c << 2));
  const kc = coefb + <usize>(c * Kp) * 4;
  const gv = f32x4.splat(g);
  const rowBytes = <usize>Dp * 4;
  for (let d = 0; d < Dp; d += 8) {
    const o = <usize>d << 2;
    const xa = v128.load(q + o);
    const xb = v128.load(q + o, 16);
    v128.store(gp + o, f32x4.add(v128.load(gp + o), f32x4.mul(gv, xa)));
    v128.store(gp + o, f32x4.add(v128.load(gp + o, 16), f32x4.mul(gv, xb)), 16);
    let aa = f32x4.mul(gv, v128.load(pv + o));
    let ab = f32x4.mul(gv, v128.load(pv + o, 16));
    let m = mv + o;
    for (let k = 0; k < L; k++) {
      const ko = <usize>k << 2;
      const cf = v128.load32_splat(kc + ko);
      aa = f32x4.add(aa, f32x4.mul(cf, v128.load(m)));
      ab = f32x4.add(ab, f32x4.mul(cf, v128.load(m, 16)));
      const gm = <usize>load<u32>(memOff + ko) + o;
      v128.store(gm, f32x4.add(v128.load(gm), f32x4.mul(cf, xa)));
      v128.store(gm, f32x4.add(v128.load(gm, 16), f32x4.mul(cf, xb)), 16);
      m += rowBytes;
    }
    v128.store(sq + o, f32x4.add(v128.load(sq + o), aa));
    v128.store(sq + o, f32x4.add(v128.load(sq + o, 16), ab), 16);
  }
}

/**
 * The batch's loss (the convention of ../kernel.ts) with its per-row gradient sums left in this
 * thread's user and item sum rows (counts in the header). B examples of C candidates; bpr != 0
 * for the BPR loss (candidate 0 the positive, labels unread).
 */
export function accumulate(B: i32, C: i32, l2: f32, bpr: i32): f64 {
  resetSums();
  const scale: f64 = B * C > 0 ? 1.0 / <f64>(B * C) : 0;
  const r2 = <f32>(2 * <f64>l2 * scale);
  const useMemory = alpha != 0;
  const rowBytes = <usize>Dp * 4;
  let loss: f64 = 0;
  let sq: f64 = 0;
  const tableRow = <usize>D * 4;
  for (let b = 0; b < B; b++) {
    if (b + 1 < B) {
      const n = b + 1;
      touch(P + <usize>load<i32>(users + (<usize>n << 2)) * tableRow, tableRow);
      const Ln = useMemory ? load<i32>(memoryLength + (<usize>n << 2)) : 0;
      for (let k = 0; k < Ln; k++) touch(Q + <usize>load<i32>(memItems + <usize>(n * K + k) * 4) * tableRow, tableRow);
      for (let c = 0; c < C; c++) touch(Q + <usize>load<i32>(candidates + <usize>(n * C + c) * 4) * tableRow, tableRow);
    }
    const user = load<i32>(users + (<usize>b << 2));
    const gp = claimUser(user);
    sq += loadRow(P + <usize>user * <usize>D * 4, pv, gp, r2);
    const L = useMemory ? load<i32>(memoryLength + (<usize>b << 2)) : 0;
    for (let k = 0; k < L; k++) {
      const m = load<i32>(memItems + <usize>(b * K + k) * 4);
      const sum = claimItem(m);
      store<u32>(memOff + (<usize>k << 2), <u32>sum);
      sq += loadRow(Q + <usize>m * <usize>D * 4, mv + <usize>k * rowBytes, sum, r2);
    }
    // Every candidate's forward first: BPR needs the positive's logit for each negative's term.
    // The logit is p . q + alpha sum_k z_k w_k (rum-item/forward.ts), kept in gb until g replaces it.
    for (let c = 0; c < C; c++) {
      const i = load<i32>(candidates + <usize>(b * C + c) * 4);
      const sum = claimItem(i);
      store<u32>(qOff + (<usize>c << 2), <u32>sum);
      sq += loadRow(Q + <usize>i * <usize>D * 4, qv + <usize>c * rowBytes, sum, r2);
    }
    if (L > 0) {
      let c = 0;
      for (; c + 1 < C; c += 2) slotDotsPair(c, c + 1, L);
      if (c < C) slotDots(c, L);
    }
    for (let c = 0; c < C; c++) store<f32>(gb + (<usize>c << 2), L > 0 ? intrinsic(c) + alpha * attend(c, L) : intrinsic(c));
    if (bpr == 0) {
      for (let c = 0; c < C; c++) {
        // Stable BCE with logits: softplus(x) - y x; its derivative is sigmoid(x) - y.
        const at = gb + (<usize>c << 2);
        const x = load<f32>(at);
        const y = load<f32>(labels + <usize>(b * C + c) * 4);
        const ex = expf(-abs(x));
        loss += <f64>(x > 0 ? x : 0) + Math.log1p(<f64>ex) - <f64>y * <f64>x;
        const sig: f32 = x >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
        store<f32>(at, <f32>(<f64>(sig - y) * scale));
      }
    } else {
      // -log sigmoid(lPos - l) = softplus(l - lPos); d/dl = sigmoid(l - lPos) = -d/dlPos.
      const lPos = load<f32>(gb);
      let gPos: f32 = 0;
      for (let c = 1; c < C; c++) {
        const at = gb + (<usize>c << 2);
        const x = load<f32>(at) - lPos;
        const ex = expf(-abs(x));
        loss += <f64>(x > 0 ? x : 0) + Math.log1p(<f64>ex);
        const sig: f32 = x >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
        const g = <f32>(<f64>sig * scale);
        store<f32>(at, g);
        gPos -= g;
      }
      store<f32>(gb, gPos);
    }
    if (L > 0) for (let c = 0; c < C; c++) coefficients(c, L, load<f32>(gb + (<usize>c << 2)));
    let c = 0;
    for (; c + 1 < C; c += 2) backwardPair(c, c + 1, L, load<f32>(gb + (<usize>c << 2)), load<f32>(gb + (<usize>(c + 1) << 2)), gp);
    if (c < C) backwardOne(c, L, load<f32>(gb + (<usize>c << 2)), gp);
  }
  store<i32>(hdr + H_U_COUNT, uCount);
  store<i32>(hdr + H_I_COUNT, iCount);
  store<i32>(hdr + H_SINK, sink);
  return (loss + <f64>l2 * sq) * scale;
}

/**
 * Lazy Adam over the rows one table's sums touch (../kernel.ts SparseAdam.update). c1 = 1 - b1
 * and c2 = 1 - b2 come from the caller, taken in float64: 1 - b2 taken in float32 is off by
 * 1e-5 relative (0.999 is not a float32), a bias in every second moment.
 */
/**
 * Adam on one row: the table row at `t`, its moments at `mp`, `vp`, its gradient sum at `go`.
 */
// @ts-ignore: decorator
@inline function adamRow(t: usize, mp: usize, vp: usize, go: usize, vb1: v128, vb2: v128, vc1: v128, vc2: v128, vlr: v128, veps: v128, lrT: f32, b1: f32, b2: f32, c1: f32, c2: f32, eps: f32): void {
  let d = 0;
  for (; d < D4; d += 4) {
    const o = <usize>d << 2;
    const g = v128.load(go + o);
    const m = f32x4.add(f32x4.mul(vb1, v128.load(mp + o, 0, 4)), f32x4.mul(vc1, g));
    const v = f32x4.add(f32x4.mul(vb2, v128.load(vp + o, 0, 4)), f32x4.mul(vc2, f32x4.mul(g, g)));
    v128.store(mp + o, m, 0, 4);
    v128.store(vp + o, v, 0, 4);
    const step = f32x4.div(f32x4.mul(vlr, m), f32x4.add(f32x4.sqrt(v), veps));
    v128.store(t + o, f32x4.sub(v128.load(t + o, 0, 4), step), 0, 4);
  }
  for (; d < D; d++) {
    const o = <usize>d << 2;
    const g = load<f32>(go + o);
    const m = b1 * load<f32>(mp + o) + c1 * g;
    const v = b2 * load<f32>(vp + o) + c2 * g * g;
    store<f32>(mp + o, m);
    store<f32>(vp + o, v);
    store<f32>(t + o, load<f32>(t + o) - (lrT * m) / (Mathf.sqrt(v) + eps));
  }
}

/**
 * Lazy Adam over the rows one table's sums touch (../kernel.ts SparseAdam.update), and the
 * table's slot array reset to -1 for the next batch. c1 = 1 - b1 and c2 = 1 - b2 come from the
 * caller, taken in float64: 1 - b2 taken in float32 is off by 1e-5 relative (0.999 is not a
 * float32), a bias in every second moment. Rows are updated in index order when the batch
 * touches a good share of the table (a scan of the slot array finds them): the three arrays are
 * then read nearly sequentially, where the order the batch met them jumps from page to page.
 */
function adamTable(table: usize, M: usize, V: usize, nRows: i32, rows: usize, slots: usize, grad: usize, count: i32, lrT: f32, b1: f32, b2: f32, c1: f32, c2: f32, eps: f32): void {
  const vb1 = f32x4.splat(b1);
  const vb2 = f32x4.splat(b2);
  const vc1 = f32x4.splat(c1);
  const vc2 = f32x4.splat(c2);
  const vlr = f32x4.splat(lrT);
  const veps = f32x4.splat(eps);
  const rowBytes = <usize>D * 4;
  const gradBytes = <usize>Dp * 4;
  if (count * 8 >= nRows) {
    for (let r = 0; r < nRows; r++) {
      const at = slots + (<usize>r << 2);
      const s = load<i32>(at);
      if (s < 0) continue;
      store<i32>(at, -1);
      const ro = <usize>r * rowBytes;
      adamRow(table + ro, M + ro, V + ro, grad + <usize>s * gradBytes, vb1, vb2, vc1, vc2, vlr, veps, lrT, b1, b2, c1, c2, eps);
    }
  } else {
    for (let s = 0; s < count; s++) {
      // Rows in the order the batch met them: touch the rows a few ahead, so that their misses
      // overlap this row's work.
      if (s + 4 < count) {
        const ahead = <usize>load<i32>(rows + (<usize>(s + 4) << 2)) * rowBytes;
        touch(table + ahead, rowBytes);
        touch(M + ahead, rowBytes);
        touch(V + ahead, rowBytes);
      }
      const r = load<i32>(rows + (<usize>s << 2));
      store<i32>(slots + (<usize>r << 2), -1);
      const ro = <usize>r * rowBytes;
      adamRow(table + ro, M + ro, V + ro, grad + <usize>s * gradBytes, vb1, vb2, vc1, vc2, vlr, veps, lrT, b1, b2, c1, c2, eps);
    }
  }
}

/**
 * One Adam step over the rows the last accumulate touched, at learning rate lrT (bias-corrected
 * by the caller); c1 = 1 - b1, c2 = 1 - b2 (see adamTable).
 */
export function adam(lrT: f32, b1: f32, b2: f32, c1: f32, c2: f32, eps: f32): void {
  adamTable(P, MU, VU, nUsers, uRows, uSlot, uGrad, uCount, lrT, b1, b2, c1, c2, eps);
  adamTable(Q, MI, VI, nItems, iRows, iSlot, iGrad, iCount, lrT, b1, b2, c1, c2, eps);
  uCount = 0;
  iCount = 0;
  store<i32>(hdr + H_SINK, sink);
}
