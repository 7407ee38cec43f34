import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { decodeHTML } from 'entities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeOrderedSplit, type Split } from '../../src-main/core/dataset/split';
import { importDataset } from '../../src-main/jobs/import/import-dataset';
import { itemRecords, loadInteractions, userIds } from '../../src-main/store/datasets';
import { openDb, type Db } from '../../src-main/store/db';
import { AMAZON_FOLDER as FOLDER } from './amazon-steps';
import { realData } from './data';


interface Row {
  user: string;
  item: string;
  time: number;
}

/**
 * The ratings file read with plain string code, independently of the importer: its header is
 * `asin, reviewerID, overall, unixReviewTime` (item first, spaces after the commas) and no
 * field is quoted. Rows equal in user, item and time count once, as the importer promises.
 */
function readRatings(path: string): Row[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const names = header.split(',').map((h) => h.trim());
  const [item, user, time] = ['asin', 'reviewerID', 'unixReviewTime'].map((n) => names.indexOf(n));
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const line of lines) {
    const f = line.split(',');
    expect(f).toHaveLength(names.length);
    const key = `${f[user]}\u0000${f[item]}\u0000${f[time]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ user: f[user], item: f[item], time: Number(f[time]) });
  }
  return rows;
}

describe('the Amazon Musical Instruments 5-core file', () => {
  const ratings = () => readRatings(realData(FOLDER, 'Musical_Instruments_5.csv'));
  // One store for the whole file (importing it takes seconds), in its own folder.
  const dir = mkdtempSync(join(tmpdir(), 'rum-real-'));
  let db: Db;
  let imported: Awaited<ReturnType<typeof importDataset>>;
  let split: Split;

  beforeAll(async () => {
    db = openDb(join(dir, 'store.db'));
    imported = await importDataset(db, { file: realData(FOLDER, 'Musical_Instruments_5.csv'), itemsFile: realData(FOLDER, 'Music_Instruments_meta_5.csv') });
    split = timeOrderedSplit(loadInteractions(db, imported.datasetId), { minUserEvents: 10 });
  });

  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports whole: the users, items and events counted from the file by plain code', () => {
    const rows = ratings();
    expect(imported.skipped).toEqual({});
    expect([imported.users, imported.items, imported.events]).toEqual([
      new Set(rows.map((r) => r.user)).size,
      new Set(rows.map((r) => r.item)).size,
      rows.length,
    ]);
    // The data set's README gives these figures; the import must agree with both.
    expect([imported.users, imported.items, imported.events]).toEqual([1429, 900, 10261]);
  });

  it('keeps the users with >= 10 events, each with its events in time order (ties in file order)', () => {
    const byUser = new Map<string, Row[]>();
    for (const r of ratings()) byUser.set(r.user, [...(byUser.get(r.user) ?? []), r]);
    const kept = [...byUser.values()].filter((rs) => rs.length >= 10);
    expect([split.sequences.length, split.itemOf.length, split.events]).toEqual([
      kept.length,
      new Set(kept.flat().map((r) => r.item)).size,
      kept.reduce((n, rs) => n + rs.length, 0),
    ]);
    expect([split.sequences.length, split.itemOf.length, split.events]).toEqual([188, 804, 2716]);

    const users = userIds(db, imported.datasetId);
    const { ids: items } = itemRecords(db, imported.datasetId);
    for (const s of split.sequences) {
      const expected = [...byUser.get(users[s.datasetUser])!].sort((a, b) => a.time - b.time); // stable
      expect(Array.from(s.items, (i) => items[split.itemOf[i]])).toEqual(expected.map((r) => r.item));
      expect(Array.from(s.times)).toEqual(expected.map((r) => r.time * 1000));
      // The paper's 70/30 split: floor(0.7 n) events to training, counted in integers.
      expect(s.trainLength).toBe(Math.floor((s.items.length * 7) / 10));
    }
  });

  it("stores each product's Description as its title, entities decoded and spaces collapsed", () => {
    const meta = parse(readFileSync(realData(FOLDER, 'Music_Instruments_meta_5.csv')), { columns: true }) as Record<string, string>[];
    const { ids, titles } = itemRecords(db, imported.datasetId);
    const titleOf = new Map(ids.map((id, i) => [id, titles[i]]));
    expect(meta.filter((m) => m.Description.includes('&quot;')).length).toBeGreaterThan(0);
    for (const m of meta) {
      if (!titleOf.has(m['Product ID'])) continue;
      expect(titleOf.get(m['Product ID'])).toBe(decodeHTML(m.Description).replace(/\s+/g, ' ').trim());
    }
    expect(titles.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
    expect(titles).toContain('Monster Standard 100 - 21\' Instrument Cable - Straight to Straight 1/4" plugs');
  });
});
