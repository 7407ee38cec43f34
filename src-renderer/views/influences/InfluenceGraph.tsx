import { useMemo, useState } from 'react';
import type { InfluencePairJson } from '../../api/types';
import { bipartiteLayout } from './graph-layout';

interface Props {
  pairs: readonly InfluencePairJson[];
  /** Weight's unit in a tooltip: "Shapley" or "attention". */
  unit: string;
  /** Chooses an item: the table below is then searched for it. */
  onItem: (item: string) => void;
}

const WIDTH = 900;
const LEFT_X = 330;
const RIGHT_X = WIDTH - 330;
const LABEL_CHARS = 44;

const label = (id: string, title: string | null) => {
  const s = title ? `${title} (${id})` : id;
  return s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s;
};

/**
 * The strongest links as a two-column graph (graph-layout.ts): earlier purchases on the left,
 * the purchases they drive on the right, each curve as thick as its summed weight. Hovering an
 * item lights its links; choosing one searches the table for it.
 */
export function InfluenceGraph({ pairs, unit, onItem }: Props) {
  const layout = useMemo(() => bipartiteLayout(pairs), [pairs]);
  const [hover, setHover] = useState<{ id: string; side: 'from' | 'to' } | null>(null);
  if (layout.edges.length === 0) return <p className="muted small">No link with a positive weight to draw.</p>;
  const lit = (from: string, to: string) => !hover || (hover.side === 'from' ? hover.id === from : hover.id === to);
  return (
    <svg className="influence-graph" viewBox={`0 0 ${WIDTH} ${layout.height}`} role="img" aria-label={`The ${layout.edges.length} strongest links: earlier purchases on the left, the later purchases they drive on the right`} data-testid="influence-graph">
      <text x={LEFT_X} y={10} className="ig-head" textAnchor="end">
        earlier purchase
      </text>
      <text x={RIGHT_X} y={10} className="ig-head">
        later purchase
      </text>
      {layout.edges.map((e) => {
        const mid = (LEFT_X + RIGHT_X) / 2;
        const on = lit(e.link.from, e.link.to);
        return (
          <path
            key={`${e.link.from}>${e.link.to}`}
            d={`M${LEFT_X + 4},${e.fromY} C${mid},${e.fromY} ${mid},${e.toY} ${RIGHT_X - 4},${e.toY}`}
            className={on ? 'ig-edge' : 'ig-edge dim'}
            strokeWidth={e.width}
            data-testid="influence-edge"
            data-rank={e.rank + 1}
            data-from={e.link.from}
            data-to={e.link.to}
          >
            <title>{`#${e.rank + 1} ${e.link.fromTitle ?? e.link.from} → ${e.link.toTitle ?? e.link.to}: ${unit} ${e.link.weight.toFixed(3)} over ${e.link.steps} steps`}</title>
          </path>
        );
      })}
      {layout.nodes.map((n) => {
        const left = n.side === 'from';
        const x = left ? LEFT_X : RIGHT_X;
        return (
          <g
            key={`${n.side}:${n.id}`}
            className="ig-node"
            data-testid="influence-node"
            data-side={n.side}
            data-item={n.id}
            tabIndex={0}
            role="button"
            aria-label={`${n.title ?? n.id}: show its pairs in the table`}
            onMouseEnter={() => setHover({ id: n.id, side: n.side })}
            onMouseLeave={() => setHover(null)}
            onFocus={() => setHover({ id: n.id, side: n.side })}
            onBlur={() => setHover(null)}
            onClick={() => onItem(n.id)}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter' || ev.key === ' ') {
                ev.preventDefault();
                onItem(n.id);
              }
            }}
          >
            <circle cx={x} cy={n.y} r={4} className="ig-dot" />
            <text x={left ? x - 9 : x + 9} y={n.y} dy="0.35em" textAnchor={left ? 'end' : 'start'} className="ig-label">
              {label(n.id, n.title)}
            </text>
            <title>{n.title ? `${n.title} (${n.id})` : n.id}</title>
          </g>
        );
      })}
    </svg>
  );
}
