import { describe, expect, it } from 'vitest';
import { cellSize, heatColor, heatmapLayout, type HeatStep } from './heatmap';

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
