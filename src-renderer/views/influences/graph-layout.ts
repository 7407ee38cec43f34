// Where the influence graph draws its items and links: earlier purchases in a column on the left,
// later purchases on the right, one curve per pair. Two columns rather than a force layout, so a
// trigger's fan of followers (camera -> lens, bag, tripod) reads at a glance, the picture is the
// same on every draw, and a test can hold it. Pure: no React, no DOM.

import type { InfluencePairJson } from '../../api/types';

/** A pair of the map, as the influenceMap call answers it. */
export type Link = InfluencePairJson;

export interface GraphNode {
  id: string;
  title: string | null;
  side: 'from' | 'to';
  y: number;
}

export interface GraphEdge {
  link: Link;
  /** 0 = the strongest link drawn. */
  rank: number;
  fromY: number;
  toY: number;
  /** Stroke width, proportional to the weight: the strongest gets `maxStroke`. */
  width: number;
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
  height: number;
}

export interface LayoutOptions {
  rowHeight?: number;
  top?: number;
  maxStroke?: number;
  minStroke?: number;
}

/**
 * The graph of `links` (strongest first, as the map answers them). Only links with a positive
 * weight are drawn: a negative sum means the earlier item lowered the later one's score, which is
 * no "drives" arrow. Left column: each earlier item once, in the order of its strongest link; right
 * column: each later item once, placed by the weighted mean row of the items linking to it
 * (a barycentre step, which keeps most curves from crossing), ties in order of first appearance.
 */
export function bipartiteLayout(links: readonly Link[], opts: LayoutOptions = {}): GraphLayout {
  const rowHeight = opts.rowHeight ?? 22;
  const top = opts.top ?? 14;
  const maxStroke = opts.maxStroke ?? 9;
  const minStroke = opts.minStroke ?? 1;
  const drawn = links.filter((l) => l.weight > 0);
  const fromRow = new Map<string, number>();
  const fromTitle = new Map<string, string | null>();
  for (const l of drawn) {
    if (!fromRow.has(l.from)) {
      fromRow.set(l.from, fromRow.size);
      fromTitle.set(l.from, l.fromTitle);
    }
  }
  const toStats = new Map<string, { sum: number; weight: number; first: number; title: string | null }>();
  drawn.forEach((l, k) => {
    const s = toStats.get(l.to) ?? { sum: 0, weight: 0, first: k, title: l.toTitle };
    s.sum += l.weight * fromRow.get(l.from)!;
    s.weight += l.weight;
    toStats.set(l.to, s);
  });
  const toOrder = [...toStats.entries()].sort(([, a], [, b]) => a.sum / a.weight - b.sum / b.weight || a.first - b.first).map(([id]) => id);
  const toRow = new Map(toOrder.map((id, r) => [id, r]));
  // The shorter column is centred against the longer one.
  const rows = Math.max(fromRow.size, toRow.size);
  const offset = (n: number) => top + ((rows - n) * rowHeight) / 2 + rowHeight / 2;
  const fromOffset = offset(fromRow.size);
  const toOffset = offset(toRow.size);
  const yFrom = (id: string) => fromOffset + fromRow.get(id)! * rowHeight;
  const yTo = (id: string) => toOffset + toRow.get(id)! * rowHeight;
  const max = drawn.reduce((m, l) => Math.max(m, l.weight), 0);
  const nodes: GraphNode[] = [
    ...[...fromRow.keys()].map((id) => ({ id, title: fromTitle.get(id) ?? null, side: 'from' as const, y: yFrom(id) })),
    ...toOrder.map((id) => ({ id, title: toStats.get(id)!.title, side: 'to' as const, y: yTo(id) })),
  ];
  const edges = drawn.map((link, rank) => ({
    link,
    rank,
    fromY: yFrom(link.from),
    toY: yTo(link.to),
    width: Math.max(minStroke, max > 0 ? (maxStroke * link.weight) / max : minStroke),
  }));
  return { nodes, edges, height: top * 2 + rows * rowHeight };
}
