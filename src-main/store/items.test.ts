import { describe, expect, it } from 'vitest';
import { importDataset } from '../jobs/import/import-dataset';
import { fileWith, tmpDb, tmpDir } from '../../test/helpers';
import { forgetItemCatalogue, searchItems } from './items';

// Titles chosen so each rule can fail on its own: wildcards that must stay literal, a case that
// only Unicode folding matches, an id that is also a prefix of other ids.
const TITLES: Record<string, string> = {
  toy: 'Toy Story (1995)',
  toy2: 'Toy Story 2 (1999)',
  pure: '100% Pure',
  p100: '1000 Ways',
  under: 'a_b item',
  ab: 'aXb item',
  amelie: 'Amélie (2001)',
  story: 'A Story of Toys',
};
// Purchases per item: popularity decides order within a tier.
const BOUGHT: Record<string, number> = { toy: 2, toy2: 5, pure: 1, p100: 3, under: 1, ab: 4, amelie: 2, story: 7 };

async function store() {
  const { db } = tmpDb();
  const dir = tmpDir();
  const rows = ['user,item,time'];
  let t = 1_600_000_000;
  for (const [item, n] of Object.entries(BOUGHT)) for (let k = 0; k < n; k++) rows.push(`u${k},${item},${t++}`);
  const titles = ['id,title', ...Object.entries(TITLES).map(([id, title]) => `${id},"${title}"`)];
  const { datasetId } = await importDataset(db, { file: fileWith('log.csv', rows.join('\n'), dir), itemsFile: fileWith('titles.csv', titles.join('\n'), dir) });
  return { db, datasetId };
}

const ids = (hits: { item: string }[]) => hits.map((h) => h.item);

describe('searchItems', () => {
  it('finds by title, case-insensitively, with the purchases counted', async () => {
    const { db, datasetId } = await store();
    const hits = searchItems(db, datasetId, { query: 'TOY STORY', limit: 10 });
    // Both start with the query: the more bought first.
    expect(hits).toEqual([
      { item: 'toy2', title: 'Toy Story 2 (1999)', popularity: 5 },
      { item: 'toy', title: 'Toy Story (1995)', popularity: 2 },
    ]);
    expect(ids(searchItems(db, datasetId, { query: 'amélie', limit: 10 }))).toEqual(['amelie']);
    expect(ids(searchItems(db, datasetId, { query: 'AMÉLIE', limit: 10 }))).toEqual(['amelie']);
  });

  it('puts the exact id first, then prefixes, then other matches by popularity', async () => {
    const { db, datasetId } = await store();
    // "toy" is toy's id (tier 0), a prefix of toy2's id and title (tier 2), inside "A Story of Toys" (tier 3),
    // although story (7) and toy2 (5) were bought more than toy (2).
    expect(ids(searchItems(db, datasetId, { query: 'toy', limit: 10 }))).toEqual(['toy', 'toy2', 'story']);
    expect(ids(searchItems(db, datasetId, { query: 'story', limit: 10 }))).toEqual(['story', 'toy2', 'toy']);
  });

  it('reads % and _ as themselves, not as wildcards', async () => {
    const { db, datasetId } = await store();
    expect(ids(searchItems(db, datasetId, { query: '100%', limit: 10 }))).toEqual(['pure']);
    expect(ids(searchItems(db, datasetId, { query: 'a_b', limit: 10 }))).toEqual(['under']);
    expect(ids(searchItems(db, datasetId, { query: '%', limit: 10 }))).toEqual(['pure']);
  });

  it('stops at the limit, keeps to the given items, and finds nothing for a blank query', async () => {
    const { db, datasetId } = await store();
    expect(searchItems(db, datasetId, { query: 'o', limit: 2 })).toHaveLength(2);
    expect(searchItems(db, datasetId, { query: 'o', limit: 100 }).length).toBeGreaterThan(2);
    const toyIdx = db.prepare("SELECT idx FROM items WHERE dataset_id = ? AND ext_id = 'toy'").pluck().get(datasetId) as number;
    expect(ids(searchItems(db, datasetId, { query: 'toy', limit: 10, among: [toyIdx] }))).toEqual(['toy']);
    expect(searchItems(db, datasetId, { query: '   ', limit: 10 })).toEqual([]);
    forgetItemCatalogue(db, datasetId);
    expect(ids(searchItems(db, datasetId, { query: 'toy', limit: 1 }))).toEqual(['toy']);
  });
});
