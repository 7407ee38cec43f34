import { describe, expect, it } from 'vitest';
import { editHistory } from './edit-history';

const items = Int32Array.from([10, 11, 12, 13, 14, 15]);
const times = Float64Array.from([100, 200, 300, 400, 500, 600]);

describe('editing the history before a step', () => {
  it('removes, moves and inserts by real steps, keeping the step and what follows it', () => {
    const r = editHistory(items, times, 4, [{ remove: 1 }, { move: 0, to: 3 }, { insert: 99, at: 2 }], 100);
    // Before step 4: 10 11 12 13 -> remove 11 -> 10 12 13 -> 10 to just before 13 -> 12 10 13 -> 99 just before 12.
    expect(Array.from(r.items)).toEqual([99, 12, 10, 13, 14, 15]);
    expect(r.step).toBe(4);
    expect(Array.from(r.origin)).toEqual([-1, 2, 0, 3]);
    // The inserted item takes the time of the purchase it goes before; the moved one its new place's.
    expect(Array.from(r.times)).toEqual([300, 300, 400, 400, 500, 600]);
  });

  it('puts a move or an insert at the step itself last, and shortens the history by each removal', () => {
    expect(Array.from(editHistory(items, times, 3, [{ move: 0, to: 3 }], 100).items)).toEqual([11, 12, 10, 13, 14, 15]);
    expect(Array.from(editHistory(items, times, 3, [{ insert: 7, at: 3 }], 100).items)).toEqual([10, 11, 12, 7, 13, 14, 15]);
    const r = editHistory(items, times, 3, [{ remove: 0 }, { remove: 2 }], 100);
    expect(Array.from(r.items)).toEqual([11, 13, 14, 15]);
    expect(r.step).toBe(1);
    // No edit: the same timeline.
    expect(Array.from(editHistory(items, times, 5, [], 100).items)).toEqual(Array.from(items));
  });

  it('refuses a step or position outside the history, an unknown item, and a purchase removed twice or moved after removal', () => {
    expect(() => editHistory(items, times, 3, [{ remove: 3 }], 100)).toThrow('--remove 3: step 3 is not a purchase before step 3 (0 to 2)');
    expect(() => editHistory(items, times, 3, [{ remove: -1 }], 100)).toThrow('is not a purchase before step 3');
    expect(() => editHistory(items, times, 3, [{ remove: 1 }, { remove: 1 }], 100)).toThrow('removed twice');
    expect(() => editHistory(items, times, 3, [{ remove: 1 }, { move: 1, to: 0 }], 100)).toThrow('--move 1@0: the purchase at step 1 is removed');
    expect(() => editHistory(items, times, 3, [{ move: 0, to: 4 }], 100)).toThrow('position 4 is outside 0 to 3');
    expect(() => editHistory(items, times, 3, [{ insert: 100, at: 0 }], 100)).toThrow('--insert 100@0: no such item');
    // An item is named as the caller names it (the CLI takes ids, not indices).
    expect(() => editHistory(items, times, 3, [{ insert: 7, at: 4 }], 100, (i) => `p${i}`)).toThrow('--insert p7@4: position 4 is outside 0 to 3');
    expect(() => editHistory(items, times, 7, [], 100)).toThrow('step must be between 0 and 6');
  });
});
