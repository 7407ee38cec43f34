import type { Db } from './db';

/** One item found by `items --query`: its id as imported, its title, and how often it was bought. */
export interface ItemHit {
  item: string;
  title: string | null;
  /** Purchases of the item in the whole imported log (every event of the dataset, all users). */
  popularity: number;
}

interface Catalogue {
  ids: string[];
  titles: (string | null)[];
  lowerIds: string[];
  lowerTitles: string[];
  popularity: Int32Array;
}

// A dataset's items and events never change after its import, and ids are never reused
// (migration 3), so what was read once per store connection stays true: a type-ahead that
// searches on every key press reads the items and counts the events once, not per key.
const catalogues = new WeakMap<Db, Map<number, Catalogue>>();

function catalogue(db: Db, datasetId: number): Catalogue {
  let byDataset = catalogues.get(db);
  if (!byDataset) catalogues.set(db, (byDataset = new Map()));
  let c = byDataset.get(datasetId);
  if (c) return c;
  const rows = db.prepare('SELECT idx, ext_id AS id, title FROM items WHERE dataset_id = ? ORDER BY idx').all(datasetId) as { idx: number; id: string; title: string | null }[];
  const n = rows.length ? rows[rows.length - 1].idx + 1 : 0;
  const ids: string[] = new Array<string>(n).fill('');
  const titles: (string | null)[] = new Array<string | null>(n).fill(null);
  for (const r of rows) {
    ids[r.idx] = r.id;
    titles[r.idx] = r.title;
  }
  const popularity = itemPopularity(db, datasetId, n);
  // Case folded here rather than with SQLite's lower(), which folds ASCII only: "AMÉLIE" must
  // find "Amélie". A plain substring test also keeps % and _ literal, with no LIKE to escape.
  c = { ids, titles, lowerIds: ids.map((s) => s.toLowerCase()), lowerTitles: titles.map((s) => (s ?? '').toLowerCase()), popularity };
  byDataset.set(datasetId, c);
  return c;
}

/**
 * Purchases of each item, counted here from the item column read a page at a time: SQLite's
 * GROUP BY sorts every event first (1 s a million events on the development machine, 4x this).
 */
function itemPopularity(db: Db, datasetId: number, items: number): Int32Array {
  const popularity = new Int32Array(items);
  const events = db.prepare('SELECT events FROM datasets WHERE id = ?').pluck().get(datasetId) as number | undefined;
  const page = db.prepare('SELECT json_group_array(item_idx) FROM events WHERE dataset_id = ? AND seq >= ? AND seq < ?').pluck();
  for (let from = 0; from < (events ?? 0); from += POPULARITY_PAGE) {
    for (const i of JSON.parse(page.get(datasetId, from, from + POPULARITY_PAGE) as string) as number[]) popularity[i]++;
  }
  return popularity;
}

const POPULARITY_PAGE = 1 << 16;

/** Forgets what was read of a dataset (after it is deleted, so its memory goes too). */
export function forgetItemCatalogue(db: Db, datasetId: number): void {
  catalogues.get(db)?.delete(datasetId);
}

export interface ItemSearch {
  /** Case-insensitive; matched as a plain substring of the id or the title (no wildcards). */
  query: string;
  limit: number;
  /** Only these dataset item indices (a model's items: one filtered out cannot be explained). */
  among?: ArrayLike<number>;
}

/**
 * Items whose id or title contains the query, best first: the id itself, then the title itself,
 * then an id or title that starts with the query, then any other match; within each, the most
 * bought first, then the order of the import.
 */
export function searchItems(db: Db, datasetId: number, search: ItemSearch): ItemHit[] {
  const c = catalogue(db, datasetId);
  const q = search.query.trim().toLowerCase();
  if (!q || search.limit < 1) return [];
  const candidates = search.among ? Array.from(search.among) : c.ids.map((_, i) => i);
  const found: { i: number; tier: number }[] = [];
  for (const i of candidates) {
    const id = c.lowerIds[i];
    const title = c.lowerTitles[i];
    if (id === undefined) continue;
    const tier = id === q ? 0 : title === q ? 1 : id.startsWith(q) || title.startsWith(q) ? 2 : id.includes(q) || title.includes(q) ? 3 : -1;
    if (tier >= 0) found.push({ i, tier });
  }
  found.sort((a, b) => a.tier - b.tier || c.popularity[b.i] - c.popularity[a.i] || a.i - b.i);
  return found.slice(0, search.limit).map(({ i }) => ({ item: c.ids[i], title: c.titles[i], popularity: c.popularity[i] }));
}
