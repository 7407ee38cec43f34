import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xdgDataHome } from '../src-main/hosts/data-dir';
import { writePrivate } from '../src-main/report/write-report';
import { openDb } from '../src-main/store/db';
import { REPO, tmpDir } from './helpers';

const mode = (p: string) => statSync(p).mode & 0o777;

// A usual desktop umask, under which plain mkdir/open make 0755 folders and 0644 files.
let umaskBefore = 0;
beforeAll(() => {
  umaskBefore = process.umask(0o022);
});
afterAll(() => {
  process.umask(umaskBefore);
});

describe.skipIf(process.platform === 'win32')('a private store under umask 022', () => {
  it('creates the folders 0700, the database and its -wal and -shm 0600, and leaves an existing parent alone', () => {
    const parent = tmpDir();
    chmodSync(parent, 0o755);
    const file = join(parent, 'a', 'b', 'workbench.db');
    const db = openDb(file);
    db.prepare(`INSERT INTO datasets (name, source_name, source_size, source_hash, format, users, items, events, skipped_json, created_at)
                VALUES ('d', 'd.csv', 1, 'h', 'csv', 0, 0, 0, '{}', 'now')`).run();
    expect(mode(join(parent, 'a'))).toBe(0o700);
    expect(mode(join(parent, 'a', 'b'))).toBe(0o700);
    expect(mode(parent)).toBe(0o755);
    expect(mode(file)).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
    db.close();
  });

  it('SQLite itself gives fresh -wal and -shm files the database mode, whoever opens it', () => {
    const file = join(tmpDir(), 'workbench.db');
    openDb(file).close(); // the last close removes -wal and -shm
    expect(existsSync(`${file}-wal`)).toBe(false);
    // A plain connection, none of openDb's chmods: only SQLite's own rule is at work here.
    const raw = new Database(file);
    raw.exec("INSERT INTO datasets (name, source_name, source_size, source_hash, format, users, items, events, skipped_json, created_at) VALUES ('d','d',1,'h','csv',0,0,0,'{}','now')");
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
    raw.close();
  });

  it('tightens a store that an older version left 0644', () => {
    const file = join(tmpDir(), 'old.db');
    new Database(file).close();
    chmodSync(file, 0o644);
    openDb(file).close();
    expect(mode(file)).toBe(0o600);
  });

  it('writes reports 0600, and an existing 0644 file it overwrites becomes 0600', () => {
    const dir = tmpDir();
    const fresh = join(dir, 'new.html');
    writePrivate(fresh, Buffer.from('<p>new</p>'));
    expect(mode(fresh)).toBe(0o600);
    const old = join(dir, 'old.html');
    writeFileSync(old, 'a much longer old report that must not survive');
    chmodSync(old, 0o644);
    writePrivate(old, Buffer.from('short'));
    expect(mode(old)).toBe(0o600);
    expect(readFileSync(old, 'utf8')).toBe('short');
  });
});

describe('the default data folder', () => {
  it('reads an empty or relative XDG_DATA_HOME as unset, as the XDG spec says', () => {
    expect(xdgDataHome({ XDG_DATA_HOME: '' }, '/home/u')).toBe(join('/home/u', '.local', 'share'));
    expect(xdgDataHome({ XDG_DATA_HOME: 'rel/data' }, '/home/u')).toBe(join('/home/u', '.local', 'share'));
    expect(xdgDataHome({}, '/home/u')).toBe(join('/home/u', '.local', 'share'));
    expect(xdgDataHome({ XDG_DATA_HOME: '/srv/data' }, '/home/u')).toBe('/srv/data');
  });

  it.skipIf(process.platform !== 'linux')('with XDG_DATA_HOME empty the CLI puts the store under ~/.local/share, 0700, not in the working folder', () => {
    const home = tmpDir();
    const cwd = join(home, 'work');
    mkdirSync(cwd);
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: '' };
    delete env.RUM_WORKBENCH_DB;
    const r = spawnSync(process.execPath, [join(REPO, 'bin', 'rum-workbench.mjs'), 'datasets', '--json'], { cwd, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ datasets: [] });
    const store = join(home, '.local', 'share', 'rum-workbench');
    expect(mode(join(store, 'workbench.db'))).toBe(0o600);
    expect(mode(store)).toBe(0o700);
    expect(mode(join(home, '.local'))).toBe(0o700); // made by us as well
    expect(existsSync(join(cwd, 'rum-workbench'))).toBe(false);
  });
});
