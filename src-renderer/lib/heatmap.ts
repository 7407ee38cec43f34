// Geometry of the paper's Figure 4: one column per step (the purchase made then), one row per
// earlier purchase, a cell's darkness = the attention that step's purchase puts on that row.
// Pure numbers, so the SVG component only draws, and the layout is unit-tested.

export interface HeatStep {
  step: number;
  part: 'train' | 'test';
  pattern: string;
  trigger: number | null;
  attention: { step: number; weight: number }[];
}

export interface HeatCell {
  x: number;
  y: number;
  /** The column: clicking the cell jumps to this step. */
  step: number;
  /** The earlier purchase (row). */
  row: number;
  weight: number;
  /** The cell a named pattern attributes the column's purchase to. */
  pattern: 'one-to-one' | 'one-to-multiple' | null;
}

export interface HeatColumn {
  step: number;
  x: number;
  part: 'train' | 'test';
  pattern: string;
}

export interface HeatLayout {
  width: number;
  height: number;
  cell: number;
  left: number;
  top: number;
  rows: { step: number; y: number }[];
  columns: HeatColumn[];
  cells: HeatCell[];
}

export interface HeatOptions {
  /** Side of a cell in px. */
  cell: number;
  /** Room for row labels on the left. */
  left: number;
  /** Room for pattern marks and step numbers on top. */
  top: number;
}

/** A cell side that keeps the figure readable: big for short timelines, at least `min` for long ones. */
export function cellSize(steps: number, available: number, min = 6, max = 22): number {
  if (steps <= 0) return max;
  return Math.max(min, Math.min(max, Math.floor(available / steps)));
}

export function heatmapLayout(steps: HeatStep[], o: HeatOptions): HeatLayout {
  const n = steps.length;
  // Every purchase but the last can be attended to by a later one.
  const rowCount = Math.max(0, n - 1);
  const rows = Array.from({ length: rowCount }, (_, r) => ({ step: r, y: o.top + r * o.cell }));
  const columns = steps.map((s, t) => ({ step: s.step, x: o.left + t * o.cell, part: s.part, pattern: s.pattern }));
  const cells: HeatCell[] = [];
  steps.forEach((s, t) => {
    for (const a of s.attention) {
      if (a.step < 0 || a.step >= rowCount) continue;
      const named = s.trigger === a.step && (s.pattern === 'one-to-one' || s.pattern === 'one-to-multiple') ? s.pattern : null;
      cells.push({ x: o.left + t * o.cell, y: o.top + a.step * o.cell, step: s.step, row: a.step, weight: a.weight, pattern: named });
    }
  });
  return { width: o.left + n * o.cell, height: o.top + rowCount * o.cell, cell: o.cell, left: o.left, top: o.top, rows, columns, cells };
}

/** Darker = more attention: white to deep blue, through the weight's square root so small weights still show. */
export function heatColor(weight: number): string {
  const w = Math.sqrt(Math.min(1, Math.max(0, Number.isFinite(weight) ? weight : 0)));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * w);
  return `rgb(${mix(255, 12)}, ${mix(255, 44)}, ${mix(255, 122)})`;
}

// ---- The canvas heatmap's viewport (long timelines) ----
// The figure is drawn on a canvas through a window: `x0` is the first step (column) shown and `y0`
// the first earlier purchase (row), both in steps and fractional while panning; `cell` is the
// zoom, in px per step. Only the columns and rows in the window are drawn, so a 2,000-purchase
// user costs what a 100-purchase one does. Pure numbers here, tested; the component only draws.

export interface HeatView {
  cell: number;
  x0: number;
  y0: number;
}

export interface HeatBounds {
  /** Columns: the steps (purchases) of the timeline. */
  steps: number;
  /** Rows: purchases that can be attended to (steps - 1). */
  rows: number;
  /** Size of the plot area in px (the canvas less its axes). */
  width: number;
  height: number;
  minCell: number;
  maxCell: number;
}

/** Keeps the zoom within its limits and the window over the figure (no empty space past the end unless it all fits). */
export function clampView(v: HeatView, b: HeatBounds): HeatView {
  const cell = Math.min(b.maxCell, Math.max(b.minCell, Number.isFinite(v.cell) ? v.cell : b.minCell));
  const maxX = Math.max(0, b.steps - b.width / cell);
  const maxY = Math.max(0, b.rows - b.height / cell);
  const fix = (x: number, max: number) => Math.min(max, Math.max(0, Number.isFinite(x) ? x : 0));
  return { cell, x0: fix(v.x0, maxX), y0: fix(v.y0, maxY) };
}

/** The columns and rows at least partly in the window, inclusive; last < first when none. */
export function visibleWindow(v: HeatView, b: HeatBounds): { firstCol: number; lastCol: number; firstRow: number; lastRow: number } {
  return {
    firstCol: Math.max(0, Math.floor(v.x0)),
    lastCol: Math.min(b.steps - 1, Math.ceil(v.x0 + b.width / v.cell) - 1),
    firstRow: Math.max(0, Math.floor(v.y0)),
    lastRow: Math.min(b.rows - 1, Math.ceil(v.y0 + b.height / v.cell) - 1),
  };
}

/** Zooms by `factor` about a point of the plot (px from its top left): the cell under it stays under it. */
export function zoomView(v: HeatView, factor: number, atX: number, atY: number, b: HeatBounds): HeatView {
  const cell = Math.min(b.maxCell, Math.max(b.minCell, v.cell * factor));
  const sx = v.x0 + atX / v.cell;
  const sy = v.y0 + atY / v.cell;
  return clampView({ cell, x0: sx - atX / cell, y0: sy - atY / cell }, b);
}

/** Pans by a drag of (dx, dy) px: the figure follows the pointer. */
export function panView(v: HeatView, dx: number, dy: number, b: HeatBounds): HeatView {
  return clampView({ cell: v.cell, x0: v.x0 - dx / v.cell, y0: v.y0 - dy / v.cell }, b);
}

/**
 * Brings step `step`'s column and the memory it read (rows step - slots .. step - 1) into the window,
 * moving only when they are not already in it: stepping with the arrows scrolls a page at a time
 * rather than on every press. A step brought in sits two thirds across, its memory to its left.
 */
export function followStep(v: HeatView, step: number, slots: number, b: HeatBounds): HeatView {
  const cols = b.width / v.cell;
  const rows = b.height / v.cell;
  let { x0, y0 } = v;
  const col = Math.min(step, b.steps - 1);
  if (col < x0 || col + 1 > x0 + cols) x0 = col - (2 * cols) / 3;
  const top = Math.max(0, step - Math.max(1, slots));
  const bottom = Math.min(b.rows, step);
  if (top < y0 || bottom > y0 + rows) y0 = bottom - top > rows ? bottom - rows : top - Math.max(0, (rows - (bottom - top)) / 3);
  return clampView({ cell: v.cell, x0, y0 }, b);
}

/** The cell under a point of the plot (px from its top left): its step and earlier-purchase row, or null off the figure. */
export function cellAt(v: HeatView, px: number, py: number, b: HeatBounds): { step: number; row: number } | null {
  if (px < 0 || py < 0 || px >= b.width || py >= b.height) return null;
  const step = Math.floor(v.x0 + px / v.cell);
  const row = Math.floor(v.y0 + py / v.cell);
  if (step >= b.steps || row >= b.rows) return null;
  return { step, row };
}

/** Where a column or row starts in the plot, in px (negative or past the end when out of the window). */
export const colX = (v: HeatView, step: number) => (step - v.x0) * v.cell;
export const rowY = (v: HeatView, row: number) => (row - v.y0) * v.cell;

/** Every how many steps the axes number a step, so that numbers stay about `minGap` px apart (1, 2, 5, 10, 20, 50, ...). */
export function tickEvery(cell: number, minGap = 36): number {
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (m * p * cell >= minGap) return m * p;
}
