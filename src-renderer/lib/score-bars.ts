// A recommendation's logit drawn as intrinsic + memory parts on one axis, and the slots'
// contributions as bars from zero. Either part can be negative, so the parts are drawn as a
// diverging stacked bar: positive parts stack rightwards from zero, negative ones leftwards, and
// a tick marks the logit (their sum). A negative intrinsic part therefore never hides under the
// memory part, which it did when the memory part was drawn from the intrinsic part's end.

export interface Segment {
  /** Left edge, % of the track. */
  left: number;
  width: number;
}

export interface ScoreDomain {
  min: number;
  max: number;
}

export interface ScoreParts {
  intrinsic: number;
  memory: number;
}

const finite = (v: number) => (Number.isFinite(v) ? v : 0);

/** One axis for a set of rows so their bars compare: from the most negative stack to the most positive. Always includes 0. */
export function scoreDomain(rows: ScoreParts[]): ScoreDomain {
  let min = 0;
  let max = 0;
  for (const r of rows) {
    const i = finite(r.intrinsic);
    const m = finite(r.memory);
    min = Math.min(min, Math.min(0, i) + Math.min(0, m));
    max = Math.max(max, Math.max(0, i) + Math.max(0, m));
  }
  if (max - min < 1e-12) max = min + 1;
  return { min, max };
}

const pos = (v: number, d: ScoreDomain) => ((v - d.min) / (d.max - d.min)) * 100;

const span = (a: number, b: number, d: ScoreDomain): Segment => {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return { left: pos(lo, d), width: pos(hi, d) - pos(lo, d) };
};

/**
 * Intrinsic runs from 0 to the intrinsic part; memory from 0 too when its sign differs (the
 * other side of zero), else on from the intrinsic part's end. `logit` is where their sum falls.
 */
export function scoreSegments(r: ScoreParts, d: ScoreDomain): { zero: number; intrinsic: Segment; memory: Segment; logit: number } {
  const i = finite(r.intrinsic);
  const m = finite(r.memory);
  const sameSide = (i >= 0) === (m >= 0);
  const from = sameSide ? i : 0;
  return { zero: pos(0, d), intrinsic: span(0, i, d), memory: span(from, from + m, d), logit: pos(i + m, d) };
}

/** Bars of signed values (the slots' contributions) from a shared zero: the axis spans [min(0, ...), max(0, ...)]. */
export function contributionBars(values: readonly number[]): { zero: number; bars: Segment[] } {
  let min = 0;
  let max = 0;
  for (const v of values) {
    min = Math.min(min, finite(v));
    max = Math.max(max, finite(v));
  }
  const d = max - min < 1e-12 ? { min, max: min + 1 } : { min, max };
  return { zero: pos(0, d), bars: values.map((v) => span(0, finite(v), d)) };
}

/**
 * A signed logit part with `digits` decimals ("+0.4120", "−0.0310"), but never "−0.0000": zero is
 * "0", and a value that rounds to zero at `digits` keeps two significant digits ("−0.000012").
 */
export function fmtPart(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const body = a.toFixed(digits);
  const shown = Number(body) === 0 ? a.toPrecision(2).replace('e-', 'e−') : body;
  return x < 0 ? `−${shown}` : `+${shown}`;
}
