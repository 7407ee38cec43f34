// A recommendation's logit drawn as intrinsic + memory parts on one axis. Either part can be
// negative, so the axis spans [min, max] of everything shown and zero sits wherever it falls.

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

/** One axis for a set of rows so their bars compare. Always includes 0. */
export function scoreDomain(rows: ScoreParts[]): ScoreDomain {
  let min = 0;
  let max = 0;
  for (const r of rows) {
    for (const v of [r.intrinsic, r.intrinsic + r.memory]) {
      if (!Number.isFinite(v)) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  if (max - min < 1e-12) max = min + 1;
  return { min, max };
}

const pos = (v: number, d: ScoreDomain) => ((v - d.min) / (d.max - d.min)) * 100;

const span = (a: number, b: number, d: ScoreDomain): Segment => {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return { left: pos(lo, d), width: pos(hi, d) - pos(lo, d) };
};

/** Intrinsic runs from 0 to intrinsic; memory continues from there to the logit. */
export function scoreSegments(r: ScoreParts, d: ScoreDomain): { zero: number; intrinsic: Segment; memory: Segment } {
  return { zero: pos(0, d), intrinsic: span(0, r.intrinsic, d), memory: span(r.intrinsic, r.intrinsic + r.memory, d) };
}
