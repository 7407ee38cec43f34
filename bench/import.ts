import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../src-main/core/random';
import { sqlite3Import, sqlite3Version } from './import-sqlite3';

const SIZES = [1_000_000, 10_000_000];

/**
 * A realistic log: skewed item popularity, Amazon-like ids; 1M rows over 60k users and 25k items
 * (bench/import-thread.ts reads that one too), a larger log over proportionally more of both.
 */
export async function writeLog(path: string, rows = 1_000_000): Promise<void> {
  const users = Math.round((60_000 * rows) / 1_000_000);
  const items = Math.round((25_000 * rows) / 1_000_000);
  const rng = new Rng(7);
  const out = createWriteStream(path);
  out.write('user_id,item_id,rating,timestamp\n');
  let buf = '';
  for (let r = 0; r < rows; r++) {
    const u = rng.int(users);
    const i = Math.floor(items * rng.next() ** 2);
    buf += `A${(u * 7919).toString(36).toUpperCase()},B0${i.toString().padStart(8, '0')},${1 + rng.int(5)}.0,${1_300_000_000 + rng.int(300_000_000)}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

interface ChildImport {
  seconds: number;
  events: number;
  users: number;
  items: number;
  maxRssMB: number;
}

/** The workbench's import (the CLI's code path, through the import worker) in a process of its own. */
function workbenchImport(csv: string, db: string): ChildImport {
  rmSync(db, { force: true });
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-child.ts'), csv, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  return JSON.parse(out) as ChildImport;
}

/** `sizes`: the logs' row counts (a shorter list checks the section without the 10M-row run). */
export async function benchImport(tmp: string, sizes: readonly number[] = SIZES): Promise<string> {
  mkdirSync(tmp, { recursive: true });
  const sqlite = sqlite3Version();
  const load = loadavg()[0];
  const rows: string[] = [];
  const shapes: string[] = [];
  for (const size of sizes) {
    const label = `${size / 1_000_000}m`;
    const csv = join(tmp, `import-${label}.csv`);
    if (!existsSync(csv)) await writeLog(csv, size);
    const mb = statSync(csv).size / 1e6;
    const r = workbenchImport(csv, join(tmp, 'import-bench.db'));
    const s = sqlite ? await sqlite3Import(csv, join(tmp, 'import-bench-sqlite3.db')) : undefined;
    if (s && s.rows !== size) throw new Error(`sqlite3 imported ${s.rows} rows of ${size}`);
    console.error(
      `import ${label}: ${r.events} rows in ${r.seconds.toFixed(2)} s, peak RSS ${r.maxRssMB.toFixed(0)} MB; ` +
        `sqlite3 .import ${s ? `${s.seconds.toFixed(2)} s, ${s.maxRssMB.toFixed(0)} MB` : 'not installed'}`,
    );
    shapes.push(`${size.toLocaleString('en')} rows: ${mb.toFixed(0)} MB, ${r.users.toLocaleString('en')} users, ${r.items.toLocaleString('en')} items`);
    const sqliteCells = s ? `${s.seconds.toFixed(2)} s | ${s.maxRssMB.toFixed(0)} MB | ${(r.seconds / s.seconds).toFixed(1)}x` : 'not installed | | ';
    rows.push(
      `| ${size.toLocaleString('en')} | ${r.seconds.toFixed(2)} s | ${Math.round(r.events / r.seconds).toLocaleString('en')} | ${r.maxRssMB.toFixed(0)} MB | ${sqliteCells} | ` +
        `${size <= 1_000_000 ? '<= 2x sqlite3' : ''} | ${size <= 1_000_000 ? '<= 300 MB' : '<= 400 MB'} |`,
    );
  }
  return [
    '## Import (issue 3, issue 13)',
    '',
    `Generated CSVs (${shapes.join('; ')}; skewed item popularity, no duplicates), each imported in a child`,
    "process of its own through the CLI's code path: the import worker hashes the file, reads it (lines without",
    'quotes split directly, csv-parse from the first quote on), validates each row and streams it into a staging',
    'table (a TEMP table: a temporary file, not memory), finds duplicates (a Bloom filter, then one scan of the rows',
    'it flags) and copies the rows into the store in one transaction. Its peak RSS is the whole process, worker',
    `thread included (process.resourceUsage). Beside it, the sqlite3 shell${sqlite ? ` ${sqlite}` : ''} \`.import\`s the same file into a`,
    'new database (text columns, nothing checked, no duplicates found); its peak RSS is its VmHWM, read from /proc',
    `every 5 ms. Measured with a 1-minute load average of ${load.toFixed(1)} on this machine: other work slows both sides.`,
    '',
    '| rows | workbench | rows per second | peak RSS | sqlite3 .import | its peak RSS | workbench / sqlite3 | time aim | RSS aim |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
