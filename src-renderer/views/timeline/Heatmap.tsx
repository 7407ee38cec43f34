import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import type { TimelineJson } from '../../api/types';
import { fmtPct, itemName } from '../../lib/format';
import { cellAt, clampView, colX, followStep, heatColor, panView, rowY, tickEvery, visibleWindow, zoomView, type HeatBounds, type HeatView } from '../../lib/heatmap';
import './timeline-long.css';

interface Props {
  timeline: TimelineJson;
  step: number;
  /** Memory size K: the rows in memory at the current step are the band. */
  slots: number;
  onStep: (n: number) => void;
}

// Margins of the canvas kept for the axes: they are drawn outside the plot, so they stay put while it pans.
const LEFT = 172;
const TOP = 40;
const BOTTOM = 26;
const HEIGHT = 440;
const MIN_CELL = 2;
const MAX_CELL = 28;
// Colours of the figure: the app's (styles.css: --train, --test, .mark-one/.mark-multi, the strip's memory underline).
const C = { axis: '#3d4556', text: '#3d4556', band: 'rgba(18, 163, 127, 0.16)', bandEdge: '#0b6e55', test: 'rgba(224, 138, 30, 0.09)', testBar: '#e08a1e', trainBar: '#3b6fd8', current: '#d9480f', grid: '#dde1e6', one: '#c2255c', multi: '#b72a2a' };
const short = (s: string, n = 20) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The paper's Figure 4 for this user on a canvas: columns are steps (the purchase made then), rows
 * the earlier purchases, darker = more attention; ● one-to-one, ◆ one-to-multiple mark the
 * purchase a named pattern attributes the step to. Only the window is drawn, so long timelines
 * step as fast as short ones. It opens on the current step, follows it, zooms (wheel, + / −) and
 * pans (drag, buttons); axes, labels and the legend stay in place. Click a cell to go to its step.
 */
export function Heatmap({ timeline, step, slots, onStep }: Props) {
  const steps = timeline.steps;
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(900);
  const bounds: HeatBounds = useMemo(
    () => ({ steps: steps.length, rows: Math.max(0, steps.length - 1), width: Math.max(50, width - LEFT - 8), height: HEIGHT - TOP - BOTTOM, minCell: MIN_CELL, maxCell: MAX_CELL }),
    [steps.length, width],
  );
  // Opens at a size where a memory's worth of columns reads, on the current step.
  const [view, setView] = useState<HeatView>(() => followStep(clampView({ cell: 12, x0: 0, y0: 0 }, bounds), step, slots, bounds));
  const [hover, setHover] = useState<string | null>(null);
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);

  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  // The window follows the current step (and a new width or timeline keeps it in range).
  useEffect(() => setView((v) => followStep(clampView(v, bounds), step, slots, bounds)), [step, slots, bounds]);

  const counts = useMemo(
    () => ({ one: steps.filter((s) => s.pattern === 'one-to-one').length, multi: steps.filter((s) => s.pattern === 'one-to-multiple').length }),
    [steps],
  );

  useEffect(() => {
    const cv = canvas.current;
    if (!cv) return;
    draw(cv, timeline, view, bounds, step, slots, width);
  }, [timeline, view, bounds, step, slots, width]);

  const at = (e: { clientX: number; clientY: number }) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - r.left - LEFT, y: e.clientY - r.top - TOP };
  };
  const onWheel = (e: WheelEvent<HTMLCanvasElement>) => {
    const p = at(e);
    // Horizontal wheels and shift pan; a vertical wheel zooms about the pointer.
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) setView((v) => panView(v, -(e.deltaX || e.deltaY), 0, bounds));
    else setView((v) => zoomView(v, e.deltaY < 0 ? 1.25 : 0.8, Math.max(0, p.x), Math.max(0, p.y), bounds));
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    drag.current = { x: e.clientX, y: e.clientY, moved: false };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (d && (d.moved || Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > 4)) {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      drag.current = { x: e.clientX, y: e.clientY, moved: true };
      setView((v) => panView(v, dx, dy, bounds));
      return;
    }
    const p = at(e);
    const c = cellAt(view, p.x, p.y, bounds);
    if (!c) return setHover(null);
    const w = steps[c.step].attention.find((a) => a.step === c.row)?.weight;
    setHover(`step ${c.step} (${itemName(steps[c.step])}) → step ${c.row} (${itemName(steps[c.row])})${w === undefined ? ': not in its memory' : `: ${fmtPct(w)}`}`);
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved) return;
    const p = at(e);
    // A click on the plot or on the step numbers above it goes to that column's step.
    const c = cellAt(view, p.x, Math.max(0, p.y), bounds);
    if (c && p.y >= -TOP) onStep(c.step);
  };
  const zoomBy = useCallback((f: number) => setView((v) => zoomView(v, f, bounds.width / 2, bounds.height / 2, bounds)), [bounds]);
  const page = (dir: number) => setView((v) => panView(v, -dir * bounds.width * 0.8, 0, bounds));
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const f = { '+': 1.25, '=': 1.25, '-': 0.8 }[e.key];
    if (f) zoomBy(f);
    else if (e.key === 'PageDown') page(1);
    else if (e.key === 'PageUp') page(-1);
    else if (e.key === '0') setView((v) => followStep(clampView({ ...v, cell: 12 }, bounds), step, slots, bounds));
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  if (steps.length < 2) return <div className="status empty">Too few purchases for a heatmap.</div>;
  const win = visibleWindow(view, bounds);
  const band = { from: Math.max(0, step - slots), to: Math.min(step, steps.length - 1) - 1 };
  return (
    <div className="hm2">
      <div className="hm2-bar">
        <div className="legend small hm2-legend">
          <span className="grad" /> attention 0 → 1 · <span className="hm2-key band" /> memory at step {step} · <span className="hm2-key cur" /> current step · <span className="hm2-key test" /> test part ·{' '}
          <span className="mark-one">●</span> one-to-one ({counts.one}) · <span className="mark-multi">◆</span> one-to-multiple ({counts.multi}) · thresholds: top slot ≥ {fmtPct(timeline.thresholds.minWeight, 0)}, ≥{' '}
          {timeline.thresholds.minFollowers} followers
        </div>
        <div className="hm2-zoom" role="group" aria-label="Heatmap zoom and pan">
          <button type="button" onClick={() => page(-1)} aria-label="Pan to earlier steps">◀</button>
          <button type="button" onClick={() => zoomBy(0.8)} aria-label="Zoom out">−</button>
          <button type="button" onClick={() => zoomBy(1.25)} aria-label="Zoom in">+</button>
          <button type="button" onClick={() => page(1)} aria-label="Pan to later steps">▶</button>
        </div>
      </div>
      <div ref={wrap} className="hm2-wrap">
        <canvas
          ref={canvas}
          data-testid="heatmap"
          data-step={step}
          data-band={band.to >= band.from ? `${band.from}-${band.to}` : ''}
          data-cols={`${win.firstCol}-${win.lastCol}`}
          data-rows={`${win.firstRow}-${win.lastRow}`}
          data-cell={view.cell.toFixed(2)}
          tabIndex={0}
          role="img"
          aria-label={`Attention heatmap: ${steps.length} steps, showing steps ${win.firstCol} to ${win.lastCol}; ${counts.one} one-to-one and ${counts.multi} one-to-multiple steps. Click a column to go to that step; + and − zoom, Page Up and Page Down pan.`}
          style={{ width: '100%', height: HEIGHT }}
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setHover(null)}
          onKeyDown={onKey}
        />
      </div>
      <div className="muted small hm2-hover" aria-live="off">{hover ?? 'Drag to pan, wheel to zoom, click a column to go to its step.'}</div>
    </div>
  );
}

/** Draws the window: test-part shade, memory band, cells, current column, then the axes over the margins. */
function draw(cv: HTMLCanvasElement, timeline: TimelineJson, v: HeatView, b: HeatBounds, step: number, slots: number, cssWidth: number) {
  const dpr = window.devicePixelRatio || 1;
  const W = Math.max(1, cssWidth);
  if (cv.width !== Math.round(W * dpr) || cv.height !== Math.round(HEIGHT * dpr)) {
    cv.width = Math.round(W * dpr);
    cv.height = Math.round(HEIGHT * dpr);
  }
  const g = cv.getContext('2d');
  if (!g) return;
  const steps = timeline.steps;
  const win = visibleWindow(v, b);
  const cell = v.cell;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, W, HEIGHT);

  // The plot, clipped to its area.
  g.save();
  g.translate(LEFT, TOP);
  g.beginPath();
  g.rect(0, 0, b.width, b.height);
  g.clip();
  g.fillStyle = '#fff';
  g.fillRect(0, 0, b.width, b.height);
  if (timeline.trainLength < steps.length) {
    g.fillStyle = C.test;
    const x = Math.max(0, colX(v, timeline.trainLength));
    g.fillRect(x, 0, b.width - x, b.height);
  }
  const bandTop = Math.max(0, step - slots);
  const bandBottom = Math.min(step, b.rows);
  if (bandBottom > bandTop) {
    g.fillStyle = C.band;
    g.fillRect(0, rowY(v, bandTop), b.width, (bandBottom - bandTop) * cell);
  }
  const gap = cell >= 6 ? 1 : 0;
  for (let t = win.firstCol; t <= win.lastCol; t++) {
    const x = colX(v, t);
    const s = steps[t];
    for (const a of s.attention) {
      if (a.step < win.firstRow || a.step > win.lastRow) continue;
      g.fillStyle = heatColor(a.weight);
      g.fillRect(x, rowY(v, a.step), cell - gap, cell - gap);
      if (s.trigger === a.step && s.pattern !== 'none' && cell >= 5) {
        g.strokeStyle = s.pattern === 'one-to-one' ? C.one : C.multi;
        g.lineWidth = 1.5;
        g.strokeRect(x + 0.75, rowY(v, a.step) + 0.75, cell - gap - 1.5, cell - gap - 1.5);
      }
    }
  }
  if (timeline.trainLength < steps.length) {
    const x = colX(v, timeline.trainLength);
    g.strokeStyle = C.testBar;
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(x, 0);
    g.lineTo(x, b.height);
    g.stroke();
  }
  if (step < steps.length) {
    g.strokeStyle = C.current;
    g.lineWidth = 2;
    g.strokeRect(colX(v, step), 0, cell, b.height);
  }
  g.restore();

  // Axes: step numbers, part bar and pattern marks above; row labels and the memory band on the left.
  g.font = '11px system-ui, sans-serif';
  g.fillStyle = C.text;
  g.textBaseline = 'alphabetic';
  const every = tickEvery(cell);
  g.textAlign = 'center';
  for (let t = win.firstCol; t <= win.lastCol; t++) {
    const x = LEFT + colX(v, t);
    if (x + cell < LEFT || x > LEFT + b.width) continue;
    g.fillStyle = steps[t].part === 'test' ? C.testBar : C.trainBar;
    g.fillRect(Math.max(LEFT, x), TOP - 6, Math.min(cell, LEFT + b.width - x), 4);
    if (steps[t].pattern !== 'none' && cell >= 4) {
      g.fillStyle = steps[t].pattern === 'one-to-one' ? C.one : C.multi;
      g.fillText(steps[t].pattern === 'one-to-one' ? '●' : '◆', x + cell / 2, TOP - 9);
    }
    if (t % every === 0 && x >= LEFT - 2) {
      g.fillStyle = t === step ? C.current : C.text;
      g.fillText(String(t), x + cell / 2, 12);
    }
  }
  g.fillStyle = C.axis;
  g.fillText('step (the purchase made) →', LEFT + b.width / 2, HEIGHT - 8);
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  const rowEvery = cell >= 11 ? 1 : tickEvery(cell, 14);
  if (bandBottom > bandTop) {
    g.fillStyle = C.band;
    const y0 = Math.max(TOP, TOP + rowY(v, bandTop));
    const y1 = Math.min(TOP + b.height, TOP + rowY(v, bandBottom));
    if (y1 > y0) {
      g.fillRect(4, y0, LEFT - 8, y1 - y0);
      g.fillStyle = C.bandEdge;
      g.fillRect(LEFT - 4, y0, 3, y1 - y0);
    }
  }
  for (let r = win.firstRow; r <= win.lastRow; r++) {
    if (r % rowEvery !== 0) continue;
    const y = TOP + rowY(v, r) + cell / 2;
    if (y < TOP || y > TOP + b.height) continue;
    g.fillStyle = r >= bandTop && r < bandBottom ? C.bandEdge : C.text;
    g.fillText(cell >= 11 ? `${r} ${short(itemName(steps[r]))}` : String(r), LEFT - 8, y);
  }
  g.save();
  g.translate(10, TOP + b.height / 2);
  g.rotate(-Math.PI / 2);
  g.textAlign = 'center';
  g.fillStyle = C.axis;
  g.fillText('earlier purchase (attended to) →', 0, 0);
  g.restore();
  g.strokeStyle = C.grid;
  g.lineWidth = 1;
  g.strokeRect(LEFT - 0.5, TOP - 0.5, b.width + 1, b.height + 1);
}
