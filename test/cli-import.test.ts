import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../src-main/store/migrations';
import { cli } from './cli';
import { fileWith, tmpDir } from './helpers';

describe('CLI: import and datasets', () => {
  it('imports with --json: exactly one JSON object on stdout with the contract keys', () => {
    const dir = tmpDir();
    const db = join(dir, 'wb.db');
    // Amazon's column names and its metadata's `Product ID,Description` titles, written here
    // rather than read from the data set, which users of the repository do not have.
    const events = fileWith(
      'Musical_Instruments_5.csv',
      'reviewerID,asin,overall,unixReviewTime\nA1,B01,5,1393545600\nA1,B02,4,1393632000\nA2,B01,3,1363392000\nA3,B03,5,1374278400\nA3,B03,5,1374278400\n',
      dir,
    );
    const titles = fileWith('meta.csv', 'Product ID,Description\nB01,Guitar &amp; strap\nB03,"Drum, 12"""\nB99,Unused\n', dir);
    const r = cli(['import', events, '--items', titles, '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.json()).toMatchObject({ format: 'csv', users: 3, items: 3, events: 4, skipped: { duplicate: 1 }, titles: 2 });
    expect(r.json()).toHaveProperty('datasetId');

    const list = cli(['datasets', '--db', db, '--json']);
    expect(list.code).toBe(0);
    expect(list.json().datasets).toEqual([expect.objectContaining({ name: 'Musical_Instruments_5', users: 3, items: 3, events: 4 })]);

    const again = cli(['import', events, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already imported as dataset/);
  });

  it('takes the store from RUM_WORKBENCH_DB when --db is absent', () => {
    const db = join(tmpDir(), 'env.db');
    const r = cli(['import', fileWith('a.csv', 'user,item,time\nu1,i1,1\n'), '--json'], { RUM_WORKBENCH_DB: db });
    expect(r.code).toBe(0);
    expect(cli(['datasets', '--db', db, '--json']).json().datasets).toHaveLength(1);
  });

  it('exits 2 on a bad file, naming the file, the line and the problem, and stores nothing', () => {
    const db = join(tmpDir(), 'wb.db');
    const bad = fileWith('bad.csv', 'user_id,item_id,timestamp\nu1,i1,1500000000\nu1,i2,not-a-time\n');
    const r = cli(['import', bad, '--db', db, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/line 3: "not-a-time" is not a timestamp/);
    expect(cli(['datasets', '--db', db, '--json']).json().datasets).toEqual([]);
  });

  it('with --skip-bad-rows, imports the good rows and counts the bad ones', () => {
    const db = join(tmpDir(), 'wb.db');
    const bad = fileWith('bad.csv', 'user_id,item_id,timestamp\nu1,i1,1500000000\nu1,i2,not-a-time\n');
    const r = cli(['import', bad, '--db', db, '--json', '--skip-bad-rows']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ events: 1, skipped: { 'bad-timestamp': 1 } });
  });

  it('a --db that is not a store ends with one line naming it and the cause, exit 1, and the file untouched', () => {
    const path = fileWith('notes.db', 'not a database\n');
    const r = cli(['import', fileWith('a.csv', 'user,item,time\nu1,i1,1500000000\n'), '--db', path]);
    expect(r.stderr).toBe(`error: cannot open the store ${path}: the file is not a workbench store (SQLITE_NOTADB)\n`);
    expect(r.code).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe('not a database\n');
  });

  it('exits 2 for a usage error and for a database from a newer version', () => {
    expect(cli(['frobnicate']).code).toBe(2);
    expect(cli(['import']).code).toBe(2);
    expect(cli(['import', 'x.csv', '--format', 'xml', '--db', join(tmpDir(), 'u.db')]).code).toBe(2);
    const path = join(tmpDir(), 'future.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const r = cli(['datasets', '--db', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/newer RUM workbench/);
  });
});
