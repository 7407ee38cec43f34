import { describe, expect, it } from 'vitest';
import { timeOrderedSplit } from '../src-main/core/dataset/split';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { itemRecords, loadInteractions } from '../src-main/store/datasets';
import { AMAZON_EVENTS, AMAZON_TITLES, tmpDb } from './helpers';

describe('the real Amazon Musical Instruments file (../shared/data)', () => {
  it('imports whole with titles, and the paper filter leaves 188 users, 804 items, 2716 events', async () => {
    const { db } = tmpDb();
    const r = await importDataset(db, { file: AMAZON_EVENTS, itemsFile: AMAZON_TITLES });
    expect([r.users, r.items, r.events]).toEqual([1429, 900, 10261]);
    expect(r.skipped).toEqual({});
    const { titles } = itemRecords(db, r.datasetId);
    expect(titles.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
    expect(titles.some((t) => t!.includes('&quot;'))).toBe(false); // entities decoded
    expect(titles).toContain('Monster Standard 100 - 21\' Instrument Cable - Straight to Straight 1/4" plugs');

    const split = timeOrderedSplit(loadInteractions(db, r.datasetId), { minUserEvents: 10 });
    expect([split.sequences.length, split.itemOf.length, split.events]).toEqual([188, 804, 2716]);
    for (const s of split.sequences) {
      expect(s.items.length).toBeGreaterThanOrEqual(10);
      for (let k = 1; k < s.times.length; k++) expect(s.times[k]).toBeGreaterThanOrEqual(s.times[k - 1]);
    }
  });
});
