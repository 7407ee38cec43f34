// Where items rank in a full-catalogue scoring, excluded items skipped: the explanations' and the
// timeline's one rank convention.

/** The items bought before `step` of a timeline, as the exclusion mask every ranking of that step takes (1 = bought). */
export function boughtBefore(items: ArrayLike<number>, step: number, nItems: number): Uint8Array {
  const excluded = new Uint8Array(nItems);
  for (let t = 0; t < step; t++) excluded[items[t]] = 1;
  return excluded;
}

/** 1-based rank of item `i` by `logits` among items not excluded (ties: lower index first). */
export function rankOf(logits: ArrayLike<number>, i: number, excluded: Uint8Array): number {
  return ranksOf(logits, [i], excluded)[0];
}

/**
 * Ranks of several items in one pass over the catalogue (an explanation needs 5 recommendations
 * x K slots of them). Each item ranks among the items not excluded, itself always included.
 */
export function ranksOf(logits: ArrayLike<number>, items: readonly number[], excluded: Uint8Array): number[] {
  const m = items.length;
  const x = items.map((i) => logits[i]);
  const ranks = new Array<number>(m).fill(1);
  // Most of the catalogue scores below every item asked about (they are usually the top N): one
  // comparison with the lowest of them settles those items, which is most of this pass's time.
  let lowest = Infinity;
  for (const v of x) lowest = Math.min(lowest, v);
  for (let j = 0; j < logits.length; j++) {
    const l = logits[j];
    if (l < lowest || excluded[j]) continue;
    for (let t = 0; t < m; t++) if (l > x[t] || (l === x[t] && j < items[t])) ranks[t]++;
  }
  // An excluded item ranked anyway (a bought "why not?" item) was skipped above; others
  // counted themselves only if strictly better, which they never are.
  return ranks;
}
