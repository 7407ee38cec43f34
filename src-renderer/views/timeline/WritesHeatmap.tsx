import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TimelineJson } from '../../api/types';
import { fmtFixed, fmtPct, itemName } from '../../lib/format';
import { heatColor } from '../../lib/heatmap';

interface Props {
  timeline: TimelineJson;
  step: number;
  onStep: (n: number) => void;
}

const LEFT = 230;
const TOP = 24;
const ROW = 22;

/**
 * Feature-level RUM's Figure 4: rows are the latent features, columns the purchases; a cell's
 * darkness is the share of that purchase's write that went into the feature (the write attention,
 * summing to 1 down a column). The whole timeline is fitted to the width; the current step is
 * outlined and a click goes to a step. Hover for the erase and add sizes.
 */
export function WritesHeatmap({ timeline, step, onStep }: Props) {
  const steps = timeline.steps;
  const K = steps.find((s) => s.attention.length > 0)?.attention.length ?? 0;
  const names = timeline.slotNames ?? Array.from({ length: K }, (_, k) => `F${k + 1}`);
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(900);
  const [hover, setHover] = useState<string | null>(null);
  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  const plot = Math.max(50, width - LEFT - 8);
  const cell = plot / Math.max(1, steps.length);
  const height = TOP + K * ROW + 22;

  useEffect(() => {
    const cv = canvas.current;
    if (!cv) return;
    const dpr = window.devicePixelRatio || 1;
    cv.width = width * dpr;
    cv.height = height * dpr;
    const g = cv.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height);
    g.font = '11px system-ui, sans-serif';
    g.fillStyle = '#3d4556';
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    names.forEach((n, k) => g.fillText(n.length > 36 ? `${n.slice(0, 35)}…` : n, LEFT - 6, TOP + k * ROW + ROW / 2));
    steps.forEach((s, t) => {
      s.attention.forEach((a, k) => {
        g.fillStyle = heatColor(a.weight);
        g.fillRect(LEFT + t * cell, TOP + k * ROW, Math.max(1, cell), ROW - 1);
      });
    });
    if (timeline.trainLength < steps.length) {
      g.strokeStyle = '#e08a1e';
      g.lineWidth = 1.5;
      g.beginPath();
      g.moveTo(LEFT + timeline.trainLength * cell, TOP - 4);
      g.lineTo(LEFT + timeline.trainLength * cell, TOP + K * ROW);
      g.stroke();
    }
    if (step < steps.length) {
      g.strokeStyle = '#d9480f';
      g.lineWidth = 2;
      g.strokeRect(LEFT + step * cell, TOP - 2, Math.max(2, cell), K * ROW + 2);
    }
    g.textAlign = 'center';
    g.textBaseline = 'alphabetic';
    g.fillText('purchase (step) → ; the orange rule starts the test part', LEFT + plot / 2, height - 6);
    g.fillText(`step ${step}`, Math.min(LEFT + plot - 20, Math.max(LEFT + 20, LEFT + step * cell)), TOP - 8);
  }, [steps, names, cell, width, height, step, plot, timeline.trainLength, K]);

  const at = (e: { clientX: number; clientY: number }) => {
    const r = canvas.current!.getBoundingClientRect();
    const t = Math.floor((e.clientX - r.left - LEFT) / cell);
    const k = Math.floor((e.clientY - r.top - TOP) / ROW);
    return t >= 0 && t < steps.length && k >= 0 && k < K ? { t, k } : null;
  };
  return (
    <div ref={wrap} className="heatmap-wrap" data-testid="writes-heatmap" data-step={step}>
      <canvas
        ref={canvas}
        style={{ width: '100%', height }}
        role="img"
        aria-label={`Writes of each of ${steps.length} purchases into the ${K} latent features`}
        onPointerMove={(e) => {
          const c = at(e);
          if (!c) return setHover(null);
          const s = steps[c.t];
          const wr = s.writes;
          setHover(
            `step ${c.t} (${itemName(s)}) wrote ${fmtPct(s.attention[c.k].weight)} into ${names[c.k]}` +
              (wr ? `: erased ${fmtFixed(wr.erased[c.k], 3)} of it, added a vector of size ${fmtFixed(wr.added[c.k], 3)}` : ''),
          );
        }}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const c = at(e);
          if (c) onStep(c.t);
        }}
      />
      <div className="muted small" aria-live="polite">
        {hover ?? 'Darker = a larger share of that purchase’s write went into the feature (write attention; each column sums to 1). Hover for erase and add sizes; click to go to a step.'}
      </div>
    </div>
  );
}
