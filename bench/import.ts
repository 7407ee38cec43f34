import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Rng } from '../src-main/core/random';

const ROWS = 1_000_000;

/** A realistic 1M-row log: skewed item popularity, 60k users, 25k items, Amazon-like ids (bench/import-thread.ts reads it too). */
export async function writeLog(path: string): Promise<void> {
  const rng = new Rng(7);
  const out = createWriteStream(path);
  out.write('user_id,item_id,rating,timestamp\n');
  let buf = '';
  for (let r = 0; r < ROWS; r++) {
    const u = rng.int(60_000);
    const i = Math.floor(25_000 * rng.next() ** 2);
    buf += `A${(u * 7919).toString(36).toUpperCase()},B0${i.toString().padStart(8, '0')},${1 + rng.int(5)}.0,${1_300_000_000 + rng.int(300_000_000)}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export async function benchImport(tmp: string): Promise<string> {
  mkdirSync(tmp, { recursive: true });
  const csv = join(tmp, 'import-1m.csv');
  if (!existsSync(csv)) await writeLog(csv);
  const db = join(tmp, 'import-bench.db');
  rmSync(db, { force: true });
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-child.ts'), csv, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out) as { seconds: number; events: number; users: number; items: number; maxRssMB: number };
  const mb = statSync(csv).size / 1e6;
  rmSync(db, { force: true });
  console.error(`import: ${r.events} rows in ${r.seconds.toFixed(2)} s, peak RSS ${r.maxRssMB.toFixed(0)} MB`);
  return [
    '## Import (issue 3)',
    '',
    `A generated ${ROWS.toLocaleString('en')}-row CSV (${mb.toFixed(1)} MB; ${r.users} users, ${r.items} items), imported through the CLI's own code path`,
    '(hash, stream-parse with csv-parse, validate, one SQLite transaction), in a child process of its own.',
    '',
    '| figure | value | aim |',
    '|---|---|---|',
    `| wall time | ${r.seconds.toFixed(2)} s | < 15 s |`,
    `| rows per second | ${Math.round(r.events / r.seconds).toLocaleString('en')} | |`,
    `| peak RSS | ${r.maxRssMB.toFixed(0)} MB | < 400 MB |`,
    '',
  ].join('\n');
}
