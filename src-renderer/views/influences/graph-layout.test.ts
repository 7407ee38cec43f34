import { describe, expect, it } from 'vitest';
import { bipartiteLayout, type Link } from './graph-layout';

const link = (from: string, to: string, weight: number): Link => ({ from, fromTitle: `T${from}`, to, toTitle: `T${to}`, weight, steps: 1 });

describe('the influence graph layout', () => {
  it('puts each earlier item once on the left in the order of its strongest link, and each later item once on the right', () => {
    const g = bipartiteLayout([link('cam', 'lens', 4), link('phone', 'case', 3), link('cam', 'bag', 2), link('cam', 'tripod', 1)], { rowHeight: 10, top: 0 });
    expect(g.nodes.filter((n) => n.side === 'from').map((n) => n.id)).toEqual(['cam', 'phone']);
    expect(g.nodes.filter((n) => n.side === 'to').map((n) => n.id).sort()).toEqual(['bag', 'case', 'lens', 'tripod']);
    expect(g.nodes.find((n) => n.id === 'cam')!.title).toBe('Tcam');
    // Four rows on the right; the left column of two is centred against them.
    expect(g.height).toBe(40);
    expect(g.nodes.filter((n) => n.side === 'from').map((n) => n.y)).toEqual([15, 25]);
  });

  it("places a later item by its linking items' weighted mean row, so the phone's case sits below the camera's fan", () => {
    const g = bipartiteLayout([link('cam', 'lens', 4), link('phone', 'case', 3), link('cam', 'bag', 2)], { rowHeight: 10, top: 0 });
    const right = g.nodes.filter((n) => n.side === 'to').sort((a, b) => a.y - b.y).map((n) => n.id);
    expect(right).toEqual(['lens', 'bag', 'case']);
  });

  it('draws only positive links, widths proportional to the weight, the strongest at maxStroke', () => {
    const g = bipartiteLayout([link('a', 'b', 6), link('c', 'd', 3), link('e', 'f', 0.01), link('g', 'h', -2)], { maxStroke: 12, minStroke: 1 });
    expect(g.edges.map((e) => [e.link.from, e.rank, e.width])).toEqual([
      ['a', 0, 12],
      ['c', 1, 6],
      ['e', 2, 1],
    ]);
    expect(g.nodes.some((n) => n.id === 'g' || n.id === 'h')).toBe(false);
    for (const e of g.edges) {
      expect(e.fromY).toBe(g.nodes.find((n) => n.side === 'from' && n.id === e.link.from)!.y);
      expect(e.toY).toBe(g.nodes.find((n) => n.side === 'to' && n.id === e.link.to)!.y);
    }
  });

  it('lays out nothing for no links', () => {
    expect(bipartiteLayout([])).toMatchObject({ nodes: [], edges: [] });
  });
});
