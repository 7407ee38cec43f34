import { describe, expect, it } from 'vitest';
import { cellAt, cellSize, clampView, colX, followStep, heatColor, heatmapLayout, panView, rowY, tickEvery, visibleWindow, zoomView, type HeatBounds, type HeatStep } from './heatmap';

const steps: HeatStep[] = [
  { step: 0, part: 'train', pattern: 'none', trigger: null, attention: [] },
  { step: 1, part: 'train', pattern: 'one-to-one', trigger: 0, attention: [{ step: 0, weight: 1 }] },
  { step: 2, part: 'train', pattern: 'none', trigger: null, attention: [{ step: 0, weight: 0.3 }, { step: 1, weight: 0.7 }] },
  { step: 3, part: 'test', pattern: 'one-to-multiple', trigger: 1, attention: [{ step: 0, weight: 0.1 }, { step: 1, weight: 0.8 }, { step: 2, weight: 0.1 }] },
];

describe('heatmapLayout', () => {
  const l = heatmapLayout(steps, { cell: 10, left: 100, top: 20 });
  it('has one column per step and one row per earlier purchase', () => {
    expect(l.columns.map((c) => c.x)).toEqual([100, 110, 120, 130]);
    expect(l.rows.map((r) => r.y)).toEqual([20, 30, 40]);
    expect(l.width).toBe(140);
    expect(l.height).toBe(50);
  });
  it('places each attention weight at (step column, earlier purchase row)', () => {
    expect(l.cells).toHaveLength(6);
    const c = l.cells.find((x) => x.step === 3 && x.row === 1)!;
    expect(c).toMatchObject({ x: 130, y: 30, weight: 0.8, pattern: 'one-to-multiple' });
    expect(l.cells.find((x) => x.step === 1)!.pattern).toBe('one-to-one');
    expect(l.cells.filter((x) => x.pattern !== null)).toHaveLength(2);
  });
  it('copes with empty and single-step timelines', () => {
    expect(heatmapLayout([], { cell: 10, left: 0, top: 0 })).toMatchObject({ width: 0, height: 0, cells: [] });
    expect(heatmapLayout([steps[0]], { cell: 10, left: 0, top: 0 }).rows).toHaveLength(0);
  });
});

describe('cellSize and heatColor', () => {
  it('keeps cells between min and max', () => {
    expect(cellSize(10, 1000)).toBe(22);
    expect(cellSize(100, 1000)).toBe(10);
    expect(cellSize(1000, 1000)).toBe(6);
    expect(cellSize(0, 1000)).toBe(22);
  });
  it('goes from white to dark blue', () => {
    expect(heatColor(0)).toBe('rgb(255, 255, 255)');
    expect(heatColor(1)).toBe('rgb(12, 44, 122)');
    expect(heatColor(Number.NaN)).toBe('rgb(255, 255, 255)');
  });
});

describe('the canvas heatmap window (2,000 steps)', () => {
  // A 400 x 200 px plot over 2,000 steps and 1,999 rows, zoom 2..28 px per step.
  const b: HeatBounds = { steps: 2000, rows: 1999, width: 400, height: 200, minCell: 2, maxCell: 28 };

  it('shows only the columns and rows in the window', () => {
    expect(visibleWindow({ cell: 10, x0: 100, y0: 50 }, b)).toEqual({ firstCol: 100, lastCol: 139, firstRow: 50, lastRow: 69 });
    // A fractional start shows the partly visible column at each end.
    expect(visibleWindow({ cell: 10, x0: 100.5, y0: 0 }, b)).toMatchObject({ firstCol: 100, lastCol: 140 });
    // The last window ends at the last step.
    expect(visibleWindow({ cell: 10, x0: 1960, y0: 1979 }, b)).toMatchObject({ lastCol: 1999, lastRow: 1998 });
  });

  it('keeps the zoom in its limits and the window on the figure', () => {
    expect(clampView({ cell: 100, x0: -5, y0: 1e6 }, b)).toEqual({ cell: 28, x0: 0, y0: 1999 - 200 / 28 });
    expect(clampView({ cell: 0.1, x0: 1990, y0: 0 }, b)).toEqual({ cell: 2, x0: 1800, y0: 0 });
    // A timeline that fits is shown from its start.
    expect(clampView({ cell: 10, x0: 3, y0: 3 }, { ...b, steps: 20, rows: 19 })).toEqual({ cell: 10, x0: 0, y0: 0 });
  });

  it('zooms about the pointer: the step under it stays under it', () => {
    const v = { cell: 10, x0: 500, y0: 490 };
    const z = zoomView(v, 2, 120, 60, b);
    expect(z.cell).toBe(20);
    expect(z.x0 + 120 / z.cell).toBeCloseTo(v.x0 + 120 / v.cell, 12); // step 512 under x = 120 before and after
    expect(z.y0 + 60 / z.cell).toBeCloseTo(v.y0 + 60 / v.cell, 12);
    expect(zoomView(v, 10, 0, 0, b).cell).toBe(28);
  });

  it('pans with the drag and stops at the ends', () => {
    expect(panView({ cell: 10, x0: 500, y0: 490 }, -100, 50, b)).toEqual({ cell: 10, x0: 510, y0: 485 });
    expect(panView({ cell: 10, x0: 5, y0: 5 }, 1000, 1000, b)).toEqual({ cell: 10, x0: 0, y0: 0 });
  });

  it('brings the current step and its memory into view, and stays put while they are in it', () => {
    const start = { cell: 10, x0: 0, y0: 0 };
    const v = followStep(start, 1500, 20, b);
    const w = visibleWindow(v, b);
    expect(w.firstCol <= 1500 && 1500 <= w.lastCol).toBe(true);
    expect(w.firstRow <= 1480 && 1499 <= w.lastRow).toBe(true);
    // Two thirds across: the memory before it is on screen.
    expect(colX(v, 1500)).toBeCloseTo((2 / 3) * 400, 6);
    // With room for more rows than the memory, the next step is in the window already: no jump.
    const tall = { ...b, height: 300 };
    const t = followStep(start, 1500, 20, tall);
    expect(followStep(t, 1501, 20, tall)).toEqual(t);
    // Exactly K rows of room: the band moves down a row with each step, still whole.
    expect(visibleWindow(followStep(v, 1501, 20, b), b)).toMatchObject({ firstRow: 1481, lastRow: 1500 });
    // Less room than K: the most recent purchases in memory are the ones shown.
    expect(visibleWindow(followStep(start, 1500, 20, { ...b, height: 100 }), { ...b, height: 100 })).toMatchObject({ firstRow: 1490, lastRow: 1499 });
    // The end state (step = steps) shows the last column.
    expect(visibleWindow(followStep(start, 2000, 20, b), b).lastCol).toBe(1999);
  });

  it('finds the cell under a point, and nothing off the figure', () => {
    const v = { cell: 10, x0: 100, y0: 50 };
    expect(cellAt(v, 25, 39, b)).toEqual({ step: 102, row: 53 });
    expect(colX(v, 102)).toBe(20);
    expect(rowY(v, 53)).toBe(30);
    expect(cellAt(v, -1, 5, b)).toBeNull();
    expect(cellAt(v, 5, 200, b)).toBeNull();
  });

  it('numbers every 1, 2, 5, 10, ... steps so labels stay apart', () => {
    expect(tickEvery(40)).toBe(1);
    expect(tickEvery(10)).toBe(5);
    expect(tickEvery(2)).toBe(20);
    expect(tickEvery(2, 14)).toBe(10);
  });
});
