// The paired Wilcoxon signed-rank test, two-sided (Wilcoxon 1945; Hollander & Wolfe,
// "Nonparametric Statistical Methods", ch. 3). Used by the model comparison bench to ask whether
// one model's per-user figures differ from another's on the same users.
//
// Choices, stated:
// - Zero differences are dropped before ranking (Wilcoxon's method, scipy's zero_method='wilcox');
//   n counts the non-zero pairs only. With no non-zero pair, p = 1 and n = 0.
// - A difference is treated as zero, and two |differences| as tied, when they are within `eps`
//   (default 1e-12): per-user metrics averaged over seeds carry rounding noise that should not
//   split a tie or make a zero non-zero. Tied |differences| get the average of their ranks.
// - p is exact when n <= 25 and there are no ties: the null distribution of W+ (each rank's sign
//   a fair coin) counted by dynamic programming over subset sums, p = min(1, 2 P(W <= min(W+, W-))).
// - Otherwise the normal approximation: mean n(n+1)/4, variance n(n+1)(2n+1)/24 minus
//   sum(t^3 - t)/48 over tie groups, with a continuity correction of 0.5 towards the mean.

export interface WilcoxonResult {
  /** Pairs with a non-zero difference (the ones ranked). */
  n: number;
  /** Sum of the ranks of the positive differences (x > y). */
  wPlus: number;
  /** Sum of the ranks of the negative differences (x < y). */
  wMinus: number;
  /** min(W+, W-), the usual two-sided statistic. */
  statistic: number;
  /** The standardised statistic (W+ - mean, continuity-corrected, over sd); only when approximated. */
  z?: number;
  /** Two-sided p-value. */
  p: number;
  method: 'exact' | 'normal' | 'none';
}

export interface WilcoxonOptions {
  /** |d| <= eps counts as zero, and |d| within eps of each other as tied (default 1e-12). */
  eps?: number;
  /** Largest n for the exact distribution when there are no ties (default 25). */
  exactMaxN?: number;
}

/** Paired two-sided test of x against y (x[i] and y[i] belong to the same unit, e.g. one user). */
export function wilcoxonSignedRank(x: ArrayLike<number>, y: ArrayLike<number>, opts: WilcoxonOptions = {}): WilcoxonResult {
  if (x.length !== y.length) throw new Error(`wilcoxon: samples differ in length (${x.length} and ${y.length})`);
  const d: number[] = [];
  for (let i = 0; i < x.length; i++) d.push(x[i] - y[i]);
  return wilcoxonOneSample(d, opts);
}

/** The signed-rank test on differences already taken. */
export function wilcoxonOneSample(differences: ArrayLike<number>, opts: WilcoxonOptions = {}): WilcoxonResult {
  const eps = opts.eps ?? 1e-12;
  const exactMaxN = opts.exactMaxN ?? 25;
  const d: number[] = [];
  for (let i = 0; i < differences.length; i++) {
    const v = differences[i];
    if (Number.isNaN(v)) throw new Error('wilcoxon: a difference is NaN');
    if (Math.abs(v) > eps) d.push(v);
  }
  const n = d.length;
  if (n === 0) return { n: 0, wPlus: 0, wMinus: 0, statistic: 0, p: 1, method: 'none' };

  const order = d.map((_, i) => i).sort((a, b) => Math.abs(d[a]) - Math.abs(d[b]));
  const rank = new Float64Array(n);
  let tieTerm = 0; // sum of t^3 - t over tie groups
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && Math.abs(d[order[end]]) - Math.abs(d[order[start]]) <= eps) end++;
    const t = end - start;
    const avg = (start + 1 + end) / 2; // ranks start+1 .. end
    for (let k = start; k < end; k++) rank[order[k]] = avg;
    if (t > 1) tieTerm += t * t * t - t;
    start = end;
  }
  let wPlus = 0;
  let wMinus = 0;
  for (let i = 0; i < n; i++) {
    if (d[i] > 0) wPlus += rank[i];
    else wMinus += rank[i];
  }
  const statistic = Math.min(wPlus, wMinus);

  if (n <= exactMaxN && tieTerm === 0) {
    const counts = signedRankCounts(n);
    const total = 2 ** n;
    let below = 0;
    for (let w = 0; w <= statistic; w++) below += counts[w];
    return { n, wPlus, wMinus, statistic, p: Math.min(1, (2 * below) / total), method: 'exact' };
  }

  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  const dev = wPlus - mean;
  const corrected = Math.sign(dev) * Math.max(0, Math.abs(dev) - 0.5);
  const z = variance > 0 ? corrected / Math.sqrt(variance) : 0;
  return { n, wPlus, wMinus, statistic, z, p: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)), method: 'normal' };
}

/** counts[w] = how many of the 2^n sign patterns of ranks 1..n give W+ = w (subsets of 1..n summing to w). */
export function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const c = new Float64Array(max + 1);
  c[0] = 1;
  for (let r = 1; r <= n; r++) for (let w = (r * (r + 1)) / 2; w >= r; w--) c[w] += c[w - r];
  return c;
}

/**
 * Complementary error function, W. J. Cody's rational approximations (Math. Comp. 1969) as in
 * the Sun fdlibm / musl erfc, relative error below 1e-15 over the range used here.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.84375) return 1 - erfSmall(x);
  if (x < 1.25) {
    const s = x - 1;
    const P = pa0 + s * (pa1 + s * (pa2 + s * (pa3 + s * (pa4 + s * (pa5 + s * pa6)))));
    const Q = 1 + s * (qa1 + s * (qa2 + s * (qa3 + s * (qa4 + s * (qa5 + s * qa6)))));
    return 1 - erx - P / Q;
  }
  if (x >= 28) return 0;
  const s = 1 / (x * x);
  let R: number;
  let S: number;
  if (x < 1 / 0.35) {
    R = ra0 + s * (ra1 + s * (ra2 + s * (ra3 + s * (ra4 + s * (ra5 + s * (ra6 + s * ra7))))));
    S = 1 + s * (sa1 + s * (sa2 + s * (sa3 + s * (sa4 + s * (sa5 + s * (sa6 + s * (sa7 + s * sa8)))))));
  } else {
    R = rb0 + s * (rb1 + s * (rb2 + s * (rb3 + s * (rb4 + s * (rb5 + s * rb6)))));
    S = 1 + s * (sb1 + s * (sb2 + s * (sb3 + s * (sb4 + s * (sb5 + s * (sb6 + s * sb7))))));
  }
  // fdlibm splits x*x to keep precision; z = x with its low 32 bits cleared.
  const z = truncLow(x);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - x) * (z + x) + R / S)) / x;
}

function truncLow(x: number): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  buf.setUint32(4, 0);
  return buf.getFloat64(0);
}

function erfSmall(x: number): number {
  if (x < 2 ** -28) return x + efx * x;
  const z = x * x;
  const r = pp0 + z * (pp1 + z * (pp2 + z * (pp3 + z * pp4)));
  const s = 1 + z * (qq1 + z * (qq2 + z * (qq3 + z * (qq4 + z * qq5))));
  return x + x * (r / s);
}

const erx = 8.45062911510467529297e-1;
const efx = 1.28379167095512586316e-1;
const pp0 = 1.28379167095512558561e-1;
const pp1 = -3.25042107247001499370e-1;
const pp2 = -2.84817495755985104766e-2;
const pp3 = -5.77027029648944159157e-3;
const pp4 = -2.37630166566501626084e-5;
const qq1 = 3.97917223959155352819e-1;
const qq2 = 6.50222499887672944485e-2;
const qq3 = 5.08130628187576562776e-3;
const qq4 = 1.32494738004321644526e-4;
const qq5 = -3.96022827877536812320e-6;
const pa0 = -2.36211856075265944077e-3;
const pa1 = 4.14856118683748331666e-1;
const pa2 = -3.72207876035701323847e-1;
const pa3 = 3.18346619901161753674e-1;
const pa4 = -1.10894694282396677476e-1;
const pa5 = 3.54783043256182359371e-2;
const pa6 = -2.16637559486879084300e-3;
const qa1 = 1.06420880400844228286e-1;
const qa2 = 5.40397917702171048937e-1;
const qa3 = 7.18286544141962662868e-2;
const qa4 = 1.26171219808761642112e-1;
const qa5 = 1.36370839120290507362e-2;
const qa6 = 1.19844998467991074170e-2;
const ra0 = -9.86494403484714822705e-3;
const ra1 = -6.93858572707181764372e-1;
const ra2 = -1.05586262253232909814e1;
const ra3 = -6.23753324503260060396e1;
const ra4 = -1.62396669462573470355e2;
const ra5 = -1.84605092906711035994e2;
const ra6 = -8.12874355063065934246e1;
const ra7 = -9.81432934416914548592;
const sa1 = 1.96512716674392571292e1;
const sa2 = 1.37657754143519042600e2;
const sa3 = 4.34565877475229228821e2;
const sa4 = 6.45387271733267880336e2;
const sa5 = 4.29008140027567833386e2;
const sa6 = 1.08635005541779435134e2;
const sa7 = 6.57024977031928170135;
const sa8 = -6.04244152148580987438e-2;
const rb0 = -9.86494292470009928597e-3;
const rb1 = -7.99283237680523006574e-1;
const rb2 = -1.77579549177547519889e1;
const rb3 = -1.60636384855821916062e2;
const rb4 = -6.37566443368389627722e2;
const rb5 = -1.02509513161107724954e3;
const rb6 = -4.83519191608651397019e2;
const sb1 = 3.03380607434824582924e1;
const sb2 = 3.25792512996573918826e2;
const sb3 = 1.53672958608443695994e3;
const sb4 = 3.19985821950859553908e3;
const sb5 = 2.55305040643316442583e3;
const sb6 = 4.74528541206955367215e2;
const sb7 = -2.24409524465858183362e1;
