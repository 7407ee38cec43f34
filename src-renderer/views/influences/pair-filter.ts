// The influence table's search: which pairs a query keeps. Pure, so it is tested without a DOM.
import type { Link } from './graph-layout';

/**
 * Pairs whose earlier or later item matches every word of the query in its id or title (case
 * folded), so "lumen lens" finds the camera's lens and "p017" every pair of that item; an
 * empty query keeps them all. Each pair keeps its rank in the whole map.
 */
export function filterPairs<T extends Link>(pairs: readonly T[], query: string): { pair: T; rank: number }[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const ranked = pairs.map((pair, k) => ({ pair, rank: k + 1 }));
  if (words.length === 0) return ranked;
  return ranked.filter(({ pair: p }) => {
    const text = `${p.from} ${p.fromTitle ?? ''} ${p.to} ${p.toTitle ?? ''}`.toLocaleLowerCase();
    return words.every((w) => text.includes(w));
  });
}
