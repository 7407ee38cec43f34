import { memo, useMemo, type MouseEvent } from 'react';
import type { TimelineJson } from '../../api/types';
import { fmtPct, itemName } from '../../lib/format';
import { cellSize, heatColor, heatmapLayout } from '../../lib/heatmap';

interface Props {
  timeline: TimelineJson;
  step: number;
  /** Memory size K: rows in memory at the current step are emphasised. */
  slots: number;
  onStep: (n: number) => void;
}

const LEFT = 180;
const TOP = 30;
const short = (s: string, n = 22) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Figure 4 of the paper for this user: columns are steps (the purchase made then), rows the
 * earlier purchases, darker = more attention. Marked cells are the purchase a named pattern
 * attributes the step to (● one-to-one, ◆ one-to-multiple). Click a cell or column to go there.
 */
export function Heatmap({ timeline, step, slots, onStep }: Props) {
  const steps = timeline.steps;
  const cell = cellSize(steps.length, 720, 6, 16);
  // The layout and the thousands of cells depend on the timeline only; stepping redraws just the
  // two overlays (current column, rows in memory), which keeps the arrow keys fast on long timelines.
  const l = useMemo(() => heatmapLayout(steps, { cell, left: LEFT, top: TOP }), [steps, cell]);
  const click = (e: MouseEvent<SVGSVGElement>) => {
    const s = (e.target as Element).closest('[data-step]')?.getAttribute('data-step');
    if (s !== null && s !== undefined) onStep(Number(s));
  };
  const counts = useMemo(
    () => ({ one: steps.filter((s) => s.pattern === 'one-to-one').length, multi: steps.filter((s) => s.pattern === 'one-to-multiple').length }),
    [steps],
  );
  if (steps.length < 2) return <div className="status empty">Too few purchases for a heatmap.</div>;
  const firstInMemory = Math.max(0, step - slots);
  return (
    <div>
      <div className="legend small">
        <span className="grad" /> attention 0 → 1 · <span className="mark-one">●</span> one-to-one ({counts.one}) · <span className="mark-multi">◆</span> one-to-multiple ({counts.multi}) · thresholds: top slot ≥{' '}
        {fmtPct(timeline.thresholds.minWeight, 0)}, ≥ {timeline.thresholds.minFollowers} followers
      </div>
      <div className="heatmap-scroll">
        <svg
          width={l.width + 8}
          height={l.height + 4}
          role="img"
          aria-label={`Attention heatmap: ${steps.length} steps; ${counts.one} one-to-one and ${counts.multi} one-to-multiple steps. Click a column to go to that step.`}
          onClick={click}
          className="heatmap"
        >
          {/* Current step column and the rows in its memory, behind the cells. */}
          <rect x={LEFT + step * cell} y={TOP - 4} width={cell} height={l.height - TOP + 4} className="hm-current" />
          {step > 0 && <rect x={0} y={TOP + firstInMemory * cell} width={LEFT - 2} height={(step - firstInMemory) * cell} className="hm-memory-band" />}
          <HeatmapLayer timeline={timeline} layout={l} cell={cell} />
          <rect x={LEFT + step * cell} y={TOP - 4} width={cell} height={l.height - TOP + 4} className="hm-current-outline" pointerEvents="none" />
        </svg>
      </div>
    </div>
  );
}

interface LayerProps {
  timeline: TimelineJson;
  layout: ReturnType<typeof heatmapLayout>;
  cell: number;
}

/** Everything that does not change while stepping: column heads, row labels, cells. */
const HeatmapLayer = memo(function HeatmapLayer({ timeline, layout: l, cell }: LayerProps) {
  const steps = timeline.steps;
  const boundary = timeline.trainLength < steps.length ? LEFT + timeline.trainLength * cell : null;
  return (
    <g>
          {l.columns.map((c) => (
            <g key={c.step} data-step={c.step} className="hm-col">
              <rect x={c.x} y={0} width={cell} height={TOP - 4} fill="transparent" />
              {c.step % 5 === 0 && (
                <text x={c.x + cell / 2} y={10} textAnchor="middle" className="hm-num">
                  {c.step}
                </text>
              )}
              <rect x={c.x + 1} y={TOP - 7} width={cell - 2} height={3} className={`hm-part ${c.part}`} />
              {c.pattern !== 'none' && (
                <text x={c.x + cell / 2} y={TOP - 10} textAnchor="middle" className={c.pattern === 'one-to-one' ? 'mark-one' : 'mark-multi'}>
                  {c.pattern === 'one-to-one' ? '●' : '◆'}
                </text>
              )}
              <title>{`step ${c.step}: ${itemName(steps[c.step])} (${c.part}${c.pattern !== 'none' ? `, ${c.pattern}` : ''})`}</title>
            </g>
          ))}
          {l.rows.map((r) => (
            <text key={r.step} x={LEFT - 4} y={r.y + cell / 2 + 3} textAnchor="end" className="hm-row" style={{ fontSize: Math.min(11, cell - 1) }}>
              {cell >= 8 ? `${r.step} ${short(itemName(steps[r.step]))}` : ''}
            </text>
          ))}
          {l.cells.map((c) => (
            <rect
              key={`${c.step}-${c.row}`}
              data-testid="heatmap-cell"
              data-step={c.step}
              data-row={c.row}
              data-weight={c.weight}
              x={c.x}
              y={c.y}
              width={cell}
              height={cell}
              fill={heatColor(c.weight)}
              className={c.pattern ? `hm-cell marked ${c.pattern}` : 'hm-cell'}
            >
              <title>{`step ${c.step} (${itemName(steps[c.step])}) → step ${c.row} (${itemName(steps[c.row])}): ${fmtPct(c.weight)}`}</title>
            </rect>
          ))}
          {boundary !== null && <line x1={boundary} x2={boundary} y1={TOP - 4} y2={l.height} className="hm-boundary" />}
    </g>
  );
});
