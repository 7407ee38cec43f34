import { describe, expect, it } from 'vitest';
import { splitDropped } from './files';

const f = (name: string) => ({ name });

describe('splitDropped', () => {
  it('takes a single file as the log', () => {
    expect(splitDropped([f('items.csv')])).toEqual({ events: f('items.csv'), titles: null });
    expect(splitDropped([])).toEqual({ events: null, titles: null });
  });
  it('recognises the titles file among two', () => {
    expect(splitDropped([f('items.csv'), f('purchases.csv')])).toEqual({ events: f('purchases.csv'), titles: f('items.csv') });
    expect(splitDropped([f('u.data'), f('u.item')])).toEqual({ events: f('u.data'), titles: f('u.item') });
    expect(splitDropped([f('a.csv'), f('b.csv')])).toEqual({ events: f('a.csv'), titles: null });
  });
});
