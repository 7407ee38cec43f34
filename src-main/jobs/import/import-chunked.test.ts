// An import streams its rows into a staging table 16,384 at a time (store/import-staging.ts)
// and changes the store in one transaction at the end. Stopped after many chunks were written
// (a cancel, a bad line late in the file, the process killed), it leaves the store exactly as it
// was; duplicates found across chunks are the ones the in-memory importer found.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWith, REPO, snapshot, tmpDb, tmpDir } from '../../../test/helpers';
import { ImportError } from '../../core/dataset/errors';
import { Rng } from '../../core/random';
import { itemRecords, listDatasets, loadInteractions, userIds } from '../../store/datasets';
import { openDb, schemaVersion, type Db } from '../../store/db';
import { importDataset } from './import-dataset';
import { importInThread } from './import-in-thread';

// 200,000 rows, about 6 MB: six 1 MiB reads and twelve staging chunks.
const ROWS = 200_000;
const STAGED_BEFORE_STOP = 3 * 16_384;
let bigDir: string;
let bigLog: string;
beforeAll(() => {
  bigDir = mkdtempSync(join(tmpdir(), 'rum-test-chunked-'));
  const rows = ['user,item,time'];
  for (let e = 0; e < ROWS; e++) rows.push(`user${e % 20_000},item${(e * 7919) % 9_000},${1_500_000_000 + e}`);
  bigLog = fileWith('big.csv', `${rows.join('\n')}\n`, bigDir);
});
afterAll(() => rmSync(bigDir, { recursive: true, force: true }));

async function storeWithOneDataset(): Promise<{ db: Db; path: string }> {
  const store = tmpDb();
  await importInThread(store.db, { file: fileWith('seed.csv', 'user,item,time\nu0,i0,1500000000\nu1,i0,1500000060\n') });
  return store;
}

/** The rows waiting in this connection's staging table, if one exists. */
function stagedRows(db: Db): number {
  const table = db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table'").pluck().get() as string | undefined;
  return table ? (db.prepare(`SELECT count(*) FROM temp."${table}"`).pluck().get() as number) : 0;
}

/** Exactly as before: every row of every table, the schema version, and no staging table left. */
function expectUnchanged(db: Db, before: { snap: string; version: number }): void {
  expect(snapshot(db)).toBe(before.snap);
  expect(schemaVersion(db)).toBe(before.version);
  expect(db.prepare("SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'").pluck().get()).toBe(0);
  expect(listDatasets(db)).toHaveLength(1);
}

describe('a chunked import stopped midway leaves the store as it was', () => {
  it('cancelled after many chunks were staged; the same connection then imports the file whole', async () => {
    const { db } = await storeWithOneDataset();
    const before = { snap: snapshot(db), version: schemaVersion(db) };
    const ac = new AbortController();
    let stagedAtCancel = 0;
    const err = await importInThread(db, {
      file: bigLog,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'reading' && !ac.signal.aborted && stagedRows(db) >= STAGED_BEFORE_STOP) {
          stagedAtCancel = stagedRows(db);
          ac.abort();
        }
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(stagedAtCancel).toBeGreaterThanOrEqual(STAGED_BEFORE_STOP);
    expect(stagedAtCancel).toBeLessThan(ROWS);
    expectUnchanged(db, before);
    const r = await importInThread(db, { file: bigLog });
    expect(r).toMatchObject({ events: ROWS, users: 20_000, items: 9_000 });
    // Read back a page of 65,536 events at a time (store/event-pages.ts): every event in file order.
    const inter = loadInteractions(db, r.datasetId);
    const users = userIds(db, r.datasetId);
    const items = itemRecords(db, r.datasetId).ids;
    const wrong = Array.from({ length: ROWS }, (_, e) => e).filter(
      (e) => users[inter.user[e]] !== `user${e % 20_000}` || items[inter.item[e]] !== `item${(e * 7919) % 9_000}` || inter.time[e] !== (1_500_000_000 + e) * 1000,
    );
    expect(wrong).toEqual([]);
  });

  it('an error on a late line, after many chunks were staged: the ImportError names file and line', async () => {
    const { db } = await storeWithOneDataset();
    const before = { snap: snapshot(db), version: schemaVersion(db) };
    const rows = Array.from({ length: 120_000 }, (_, e) => `u${e % 5000},i${e % 3000},${1_500_000_000 + e}`);
    rows[115_000] = 'u1,i2,not-a-time';
    const file = fileWith('late.csv', `user,item,time\n${rows.join('\n')}\n`);
    let staged = 0;
    const err = await importInThread(db, { file, onProgress: () => (staged = Math.max(staged, stagedRows(db))) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({ file, line: 115_002, message: expect.stringMatching(/late\.csv, line 115002: "not-a-time" is not a timestamp/) });
    expect(staged).toBeGreaterThanOrEqual(STAGED_BEFORE_STOP);
    expectUnchanged(db, before);
  });

  it('through the import worker: a cancel after many chunks, and a late bad line', async () => {
    const { db } = await storeWithOneDataset();
    const before = { snap: snapshot(db), version: schemaVersion(db) };
    const ac = new AbortController();
    const cancelled = await importDataset(db, {
      file: bigLog,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'reading' && p.bytes >= 4 << 20) ac.abort();
      },
    }).catch((e: unknown) => e);
    expect(cancelled).toMatchObject({ name: 'AbortError', message: 'import cancelled' });
    expectUnchanged(db, before);
    const bad = fileWith('bad-late.csv', `user,item,time\n${Array.from({ length: 100_000 }, (_, e) => `u${e % 900},i${e % 700},${1_500_000_000 + e}`).join('\n')}\nu1,i1,NaN\n`);
    const err = await importDataset(db, { file: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({ file: bad, line: 100_002 });
    expectUnchanged(db, before);
  });

  it('the process killed (SIGKILL) with chunks staged: the store opens as it was, intact', async () => {
    const { db, path } = await storeWithOneDataset();
    const before = { snap: snapshot(db), version: schemaVersion(db) };
    db.close();
    // .mts: outside the repository's package.json, a .ts file would be CommonJS (no top-level await).
    const script = join(tmpDir(), 'killed-import.mts');
    writeFileSync(
      script,
      `import { openDb } from ${JSON.stringify(pathToFileURL(join(REPO, 'src-main/store/db.ts')).href)};
       import { importInThread } from ${JSON.stringify(pathToFileURL(join(REPO, 'src-main/jobs/import/import-in-thread.ts')).href)};
       const db = openDb(${JSON.stringify(path)});
       await importInThread(db, { file: ${JSON.stringify(bigLog)}, onProgress: () => {
         const table = db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table'").pluck().get();
         if (table && db.prepare('SELECT count(*) FROM temp."' + table + '"').pluck().get() >= ${STAGED_BEFORE_STOP}) process.kill(process.pid, 'SIGKILL');
       } });
       console.log('finished without being killed');`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    expect(child.stdout).not.toContain('finished');
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const after = openDb(path);
    try {
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
      expectUnchanged(after, before);
    } finally {
      after.close();
    }
  });
});

describe('duplicates across chunks', () => {
  /** 50,000 rows whose repeats lie within a chunk, across the 16,384-row boundaries, and 30,000 rows apart. */
  function repeatingRows(): string[] {
    const rng = new Rng(11);
    const rows: string[] = [];
    for (let k = 0; k < 50_000; k++) {
      const r = rng.next();
      if (k > 30_000 && r < 0.03) rows.push(rows[k - 30_000]);
      else if (k > 0 && r < 0.06) rows.push(rows[k - 1 - rng.int(Math.min(k, 40))]);
      else rows.push(`u${rng.int(400)},i${rng.int(300)},${1_500_000_000 + rng.int(5000)}`);
    }
    return rows;
  }

  it('are the rows the in-memory importer skipped: same count, lines, order of reasons and stored events', async () => {
    const rows = repeatingRows();
    rows[3] = 'u1,i1,yesterday'; // a bad row before the first duplicate...
    rows[40_000] = 'u1,,1500000000'; // ...and a missing id long after it
    // What the importer did before, row by row: the first of a (user, item, time) is kept, a
    // repeat is skipped; reasons are listed in the order first met, examples are the first 20.
    const seen = new Set<string>();
    const kept: string[] = [];
    const skips: { line: number; reason: string }[] = [];
    rows.forEach((row, k) => {
      if (k === 3) skips.push({ line: k + 2, reason: 'bad-timestamp' });
      else if (k === 40_000) skips.push({ line: k + 2, reason: 'missing-id' });
      else if (seen.has(row)) skips.push({ line: k + 2, reason: 'duplicate' });
      else {
        seen.add(row);
        kept.push(row);
      }
    });
    const counts: Record<string, number> = {};
    for (const { reason } of skips) counts[reason] = (counts[reason] ?? 0) + 1;
    const file = fileWith('repeats.csv', `user,item,time\n${rows.join('\n')}\n`);
    const { db } = tmpDb();
    const r = await importInThread(db, { file, skipBadRows: true });

    expect(counts.duplicate).toBeGreaterThan(2000);
    expect(skips.some((x) => x.reason === 'duplicate' && x.line - 2 > 30_000)).toBe(true);
    expect(JSON.stringify(r.skipped)).toBe(JSON.stringify(counts));
    expect(JSON.stringify(listDatasets(db)[0].skipped)).toBe(JSON.stringify(counts));
    expect(r.skippedExamples.map(({ line, reason }) => ({ line, reason }))).toEqual(skips.slice(0, 20));
    for (const x of r.skippedExamples.filter((e) => e.reason === 'duplicate')) expect(x.detail).toBe('same user, item and time as an earlier row');

    expect(r.events).toBe(kept.length);
    const inter = loadInteractions(db, r.datasetId);
    const users = userIds(db, r.datasetId);
    const items = itemRecords(db, r.datasetId).ids;
    expect(Array.from(inter.user, (u, e) => `${users[u]},${items[inter.item[e]]},${inter.time[e] / 1000}`)).toEqual(kept);
  });

  it('found before any bad row, "duplicate" comes first among the reasons, as it did', async () => {
    const file = fileWith('first.csv', 'user,item,rating,time\nu1,i1,5,1500000000\nu1,i1,4,1500000000\nu2,i1,x,1500000000\nu2,i2,4,1500000000\n');
    const { db } = tmpDb();
    const r = await importInThread(db, { file, skipBadRows: true });
    expect(JSON.stringify(r.skipped)).toBe('{"duplicate":1,"bad-rating":1}');
    expect(r.skippedExamples.map((x) => x.line)).toEqual([3, 4]);
    expect(db.prepare('SELECT rating FROM events ORDER BY seq').pluck().all()).toEqual([5, 4]);
  });
});
