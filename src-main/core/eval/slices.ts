// Groups of users by a rule, for comparing a model between them (issue 14 item 4, as LIT and W&B
// slice other models' data): by how many purchases they have, whether the model hit them in the
// test, when they first bought, or whether a chosen item is in their training part. Pure: the
// facts about each user come in, the groups go out; engine/slices.ts measures each group.

export type SliceRule =
  /** Near-equal groups by the number of purchases on the whole timeline, ties kept together. */
  | { by: 'length'; bins: number }
  /** Users whose test top-N held a test purchase (HR@N = 1) and those it did not. */
  | { by: 'hit' }
  /** Near-equal groups by the time of the first purchase. */
  | { by: 'first-date'; bins: number }
  /** Users with `item` in their training part and those without. */
  | { by: 'item'; item: number; name: string };

export interface UserFacts {
  /** Split user index. */
  user: number;
  /** Purchases on the whole timeline. */
  length: number;
  /** ms since 1970; NaN when unknown. */
  firstTime: number;
  /** The training part's items. */
  trainItems: Int32Array;
  /** Whether the test top-N held a test purchase; null for a user with no test part. */
  hit: boolean | null;
}

export interface Slice {
  name: string;
  /** Split user indices, ascending. */
  users: number[];
}

const day = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : 'unknown');

/**
 * Splits `sorted` (ascending by value) into at most `bins` runs of near-equal size without
 * cutting a run of equal values: each cut moves forward to the next change of value. Fewer
 * groups come back when ties leave fewer distinct values.
 */
export function quantileRuns<T>(sorted: readonly T[], value: (x: T) => number, bins: number): T[][] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a whole number >= 1, got ${bins}`);
  const out: T[][] = [];
  let start = 0;
  for (let b = 1; b <= bins && start < sorted.length; b++) {
    let end = b === bins ? sorted.length : Math.max(start + 1, Math.round((b * sorted.length) / bins));
    while (end < sorted.length && value(sorted[end]) === value(sorted[end - 1])) end++;
    out.push(sorted.slice(start, end));
    start = end;
  }
  return out;
}

export function sliceUsers(facts: readonly UserFacts[], rule: SliceRule): Slice[] {
  const ids = (xs: readonly UserFacts[]) => xs.map((f) => f.user).sort((a, b) => a - b);
  switch (rule.by) {
    case 'length': {
      const sorted = [...facts].sort((a, b) => a.length - b.length || a.user - b.user);
      return quantileRuns(sorted, (f) => f.length, rule.bins).map((g) => {
        const lo = g[0].length;
        const hi = g[g.length - 1].length;
        return { name: lo === hi ? `${lo} purchases` : `${lo}–${hi} purchases`, users: ids(g) };
      });
    }
    case 'first-date': {
      const known = facts.filter((f) => Number.isFinite(f.firstTime)).sort((a, b) => a.firstTime - b.firstTime || a.user - b.user);
      const unknown = facts.filter((f) => !Number.isFinite(f.firstTime));
      const groups = quantileRuns(known, (f) => f.firstTime, rule.bins).map((g) => ({ name: `first bought ${day(g[0].firstTime)} to ${day(g[g.length - 1].firstTime)}`, users: ids(g) }));
      return unknown.length ? [...groups, { name: 'first purchase time unknown', users: ids(unknown) }] : groups;
    }
    case 'hit':
      return [
        { name: 'hit in the test (HR@N = 1)', users: ids(facts.filter((f) => f.hit === true)) },
        { name: 'missed in the test (HR@N = 0)', users: ids(facts.filter((f) => f.hit === false)) },
        { name: 'no test part', users: ids(facts.filter((f) => f.hit === null)) },
      ].filter((s) => s.users.length > 0);
    case 'item': {
      const has = (f: UserFacts) => f.trainItems.includes(rule.item);
      return [
        { name: `bought ${rule.name} in training`, users: ids(facts.filter(has)) },
        { name: `never bought ${rule.name} in training`, users: ids(facts.filter((f) => !has(f))) },
      ];
    }
  }
}
