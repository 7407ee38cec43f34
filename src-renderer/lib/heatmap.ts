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
