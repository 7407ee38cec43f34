// The parsing and saving rules, on the calling thread (importInThread): each import through the
// worker would start a thread; import-worker.test.ts holds the same errors and cancel through it.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileWith, snapshot, tmpDb } from '../../../test/helpers';
import { ImportError } from '../../core/dataset/errors';
import { listDatasets } from '../../store/datasets';
import type { Db } from '../../store/db';
import { importInThread, type ImportOptions } from './import-in-thread';
import { MAX_RECORD_CHARS } from './read-log';

const GOOD = 'user,item,time\nu0,i0,1500000000\n';

/** A store that already holds one dataset, so "unchanged" means something. */
async function storeWithOneDataset(): Promise<Db> {
  const { db } = tmpDb();
  await importInThread(db, { file: fileWith('good.csv', GOOD) });
  return db;
}

/** Imports a bad file: it must throw an ImportError for that line and leave the store as it was. */
async function expectRefused(name: string, content: string | Uint8Array, line: number, problem: RegExp, opts: Partial<ImportOptions> = {}) {
  const db = await storeWithOneDataset();
  const before = snapshot(db);
  const file = fileWith(name, content);
  const err = await importInThread(db, { file, ...opts }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  const ie = err as ImportError;
  expect(ie.file).toBe(file);
  expect(ie.problem).toMatch(problem);
  expect(ie.line).toBe(line);
  expect(ie.message).toContain(`line ${line}`);
  expect(snapshot(db)).toBe(before);
  return ie;
}

describe('import: bad input is refused with file, line and problem, and loses nothing', () => {
  it('an empty file', () => expectRefused('empty.csv', '', 1, /empty/));
  it('a file of blank lines', () => expectRefused('blank.csv', '\n\n  \n', 1, /empty/));
  it('a header and no rows', () => expectRefused('header.csv', 'user,item,rating,timestamp\n', 1, /header but no rows/));
  it('a short row', () => expectRefused('short.csv', 'user,item,rating,time\nu1,i1,5,1500000000\nu1,i2,5\n', 3, /expected 4 fields, found 3/));
  it('a long row', () => expectRefused('long.csv', 'user,item,time\nu1,i1,1500000000\nu2,i2,1500000000,extra\n', 3, /expected 3 fields, found 4/));
  it('a value that is not a timestamp', () =>
    expectRefused('t.csv', 'user_id,item_id,timestamp\nu1,i1,1500000000\nu1,i2,not-a-time\n', 3, /"not-a-time" is not a timestamp/));
  it('an impossible date', () => expectRefused('d.csv', 'user,item,time\nu1,i1,2023-02-30\n', 2, /not a timestamp/));
  it('a non-numeric rating', () => expectRefused('r.csv', 'user,item,rating,time\nu1,i1,five,1500000000\n', 2, /rating "five" is not a number/));
  it('a NaN rating', () => expectRefused('nan.csv', 'user,item,rating,time\nu1,i1,4,1500000000\nu1,i2,NaN,1500000000\n', 3, /rating "NaN"/));
  it('an empty user id', () => expectRefused('id.csv', 'user,item,time\n,i1,1500000000\n', 2, /user id is empty/));
  it('an unclosed quote', () =>
    expectRefused('q.csv', 'user,item,time\nu1,i1,1500000000\nu2,"i2,1500000000\nu3,i3,1500000000\n', 3, /quoted field is opened but never closed/));
  it('a quote in the middle of a field', () =>
    expectRefused('q2.csv', 'user,item,time\nu1,"i"1",1500000000\n', 2, /quote in the middle of a field/));
  it('a wrong delimiter named with --format', async () => {
    const e = await expectRefused('w.csv', 'user,item,time\nu1,i1,1500000000\n', 1, /only one field found with the tab delimiter/, { format: 'tsv' });
    expect(e.problem).toMatch(/comma/);
  });
  it('mixed delimiters', () =>
    expectRefused('m.csv', 'user,item,time\nu1,i1,1500000000\nu2;i2;1500000000\n', 3, /expected 3 fields, found 1 .*semicolon.*mixed delimiters/));
  it('an unclosed quote with more than 1 MiB after it, at the line where it opened', () =>
    expectRefused('q3.csv', `user,item,time\nu1,"i1,1500000000\n${'u2,i2,1500000000\n'.repeat(70_000)}`, 2, /quoted field opened on this line is never closed: it runs on to line \d+/));
  it('a single enormous line', () =>
    expectRefused('huge.csv', `user,item,time\nu1,${'x'.repeat(MAX_RECORD_CHARS + 10)},1500000000\n`, 2, /longer than/));
  it('a gzip file handed in as CSV', () => expectRefused('log.csv', gzipSync(GOOD), 1, /gzip-compressed/));
  it('a binary file handed in as CSV', () => expectRefused('bin.csv', new Uint8Array([1, 2, 0, 0, 5, 6, 7]), 1, /binary file/));
  it('a non-UTF-8 file, naming the line of the bad byte', () =>
    expectRefused('latin1.csv', Buffer.from('user,item,time\nu1,i1,1500000000\nJos\xe9,i2,1500000000\n', 'latin1'), 3, /not UTF-8/));
  it('a non-UTF-8 byte after CR, LF and a CRLF cut by the 1 MiB read boundary, on the line an editor shows', () => {
    const head = 'user,item,time\r\n';
    const filler = `u1,i1,1500000000,${'x'.repeat((1 << 20) - head.length - 18)}`; // its CR is the chunk's last byte
    const bytes = Buffer.concat([Buffer.from(`${head}${filler}\r\nu2,i2,1\ru3,i3,2\nu4,`), Buffer.from([0xff]), Buffer.from(',3\n')]);
    return expectRefused('cr.csv', bytes, 5, /not UTF-8/);
  });
  it('an unrecognised header', () =>
    expectRefused('h.csv', 'who,what,when,how\nu1,i1,5,1500000000\n', 1, /looks like a header/));
  it('too many columns without a header', () => expectRefused('c.csv', 'u1,i1,5,1500000000,x\n', 1, /--columns/));
  it('a header without an item column', () => expectRefused('n.csv', 'user,rating,time\nu1,5,1500000000\n', 1, /no item column/));
  it('bad JSON in a JSON-lines file', () =>
    expectRefused('r.jsonl', '{"user":"u1","item":"i1","time":1500000000}\n{"user":"u2","item":\n', 2, /not valid JSON/));
  it('a bad cell holding a line break is quoted on one line', async () => {
    const e = await expectRefused('nl.csv', 'user,item,time\nu1,i1,1500000000\nu2,i2,"15\n00"\n', 4, /"15\\n00" is not a timestamp/);
    expect(e.message).not.toContain('\n');
  });
  it('a time outside 1970 to 2100 after unit detection', () =>
    expectRefused('big.csv', 'user,item,time\nu1,i1,1500000000\nu1,i2,1e300\n', 3, /outside the accepted range 1970-01-01 to 2100-01-01/));
  it('a file cut off in the middle of a UTF-8 character', () =>
    expectRefused('cut.csv', Buffer.concat([Buffer.from('user,item,time\nu1,i\u00e9'), Buffer.from([0xe2, 0x82])]), 2, /ends in the middle of a UTF-8 character/));
  it('with --columns, a first row of another width is a broken row, not a header to drop silently', () =>
    expectRefused('w3.csv', 'u0|i0|1500000000\nu1,i1,1500000000\n', 1, /expected 3 fields, found 1/, { columns: 'user,item,timestamp', format: 'csv' }));
  it('a bad --columns spec', async () => {
    const { db } = tmpDb();
    await expect(importInThread(db, { file: fileWith('c.csv', 'u1,i1,1\n'), columns: 'user,item,when' })).rejects.toThrow(
      /--columns "user,item,when": column 3 "when" is not one of/,
    );
  });
  it('a titles file with an unclosed quote names that file and line, and stores nothing', async () => {
    const db = await storeWithOneDataset();
    const before = snapshot(db);
    const titles = fileWith('titles.csv', 'id,title\ni0,Guitar\ni1,"Drum\n');
    const err = await importInThread(db, { file: fileWith('log.csv', 'user,item,time\nu0,i1,1500000000\n'), itemsFile: titles }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({ file: titles, problem: expect.stringMatching(/never closed/) });
    expect(snapshot(db)).toBe(before);
  });
  it('a missing file', async () => {
    const { db } = tmpDb();
    await expect(importInThread(db, { file: '/nonexistent/x.csv' })).rejects.toThrow(/cannot read the file \(ENOENT\)/);
  });
});

describe('import: --skip-bad-rows skips and counts each bad line by reason', () => {
  it('counts every kind of bad row and keeps the good ones', async () => {
    const { db } = tmpDb();
    const text = [
      'user,item,rating,time',
      'u1,i1,5,1500000000',
      'u1,i2,5', // short
      'u1,i3,x,1500000000', // rating
      'u1,i4,5,yesterday', // time
      'u1,i1,5,1500000000', // duplicate
      ',i5,5,1500000000', // missing id
      'u2,i1,4,1500000500',
      '',
    ].join('\n');
    const r = await importInThread(db, { file: fileWith('mixed.csv', text), skipBadRows: true });
    expect(r.events).toBe(2);
    expect(r.skipped).toEqual({ 'wrong-field-count': 1, 'bad-rating': 1, 'bad-timestamp': 1, duplicate: 1, 'missing-id': 1 });
    expect(r.skippedExamples.map((x) => x.line)).toEqual([3, 4, 5, 6, 7]);
    expect(listDatasets(db)[0].skipped).toEqual(r.skipped);
  });

  it('skips bad JSON lines and an over-long line', async () => {
    const { db } = tmpDb();
    const text = `{"user":"u1","item":"i1","time":1500000000}\nnot json\n{"user":"u1","item":"${'y'.repeat(MAX_RECORD_CHARS + 5)}","time":1}\n{"user":"u2","item":"i1","time":1500000001}\n`;
    const r = await importInThread(db, { file: fileWith('s.jsonl', text), skipBadRows: true });
    expect(r.events).toBe(2);
    expect(r.skipped).toEqual({ 'bad-json': 1, 'record-too-large': 1 });
  });

  it('still refuses a file where every row is bad', async () => {
    const { db } = tmpDb();
    await expect(importInThread(db, { file: fileWith('all.csv', 'user,item,time\nu1,i1,x\n'), skipBadRows: true })).rejects.toThrow(
      /all 1 rows were skipped/,
    );
  });
});

describe('import: atomicity and re-import', () => {
  it('recognises the same file imported twice by its content, and adds nothing', async () => {
    const { db } = tmpDb();
    const first = await importInThread(db, { file: fileWith('a.csv', GOOD) });
    const before = snapshot(db);
    const again = await importInThread(db, { file: fileWith('renamed.csv', GOOD) });
    expect(again.alreadyImported).toBe(true);
    expect(again.datasetId).toBe(first.datasetId);
    expect(snapshot(db)).toBe(before);
  });

  it('rolls back a save that fails half-way through the events', async () => {
    const db = await storeWithOneDataset();
    const before = snapshot(db);
    // A real failure inside the write transaction, after the dataset, users and items rows.
    db.exec(`CREATE TEMP TRIGGER fail_late BEFORE INSERT ON events WHEN NEW.seq = 500
             BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;`);
    const rows = Array.from({ length: 1000 }, (_, k) => `u${k % 37},i${k % 91},${1500000000 + k}`).join('\n');
    await expect(importInThread(db, { file: fileWith('big.csv', `user,item,time\n${rows}\n`) })).rejects.toThrow(/disk full/);
    db.exec('DROP TRIGGER fail_late');
    expect(snapshot(db)).toBe(before);
  });

  it('a cancelled import leaves the store as it was', async () => {
    const db = await storeWithOneDataset();
    const before = snapshot(db);
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(importInThread(db, { file: fileWith('c.csv', 'user,item,time\nu1,i1,1\n'), signal: ctrl.signal })).rejects.toThrow(/cancelled/);
    expect(snapshot(db)).toBe(before);
  });
});
