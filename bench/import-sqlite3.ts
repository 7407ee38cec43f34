import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

export interface Sqlite3Import {
  seconds: number;
  maxRssMB: number;
  rows: number;
}

/** The sqlite3 command-line shell's version, or undefined when it is not installed. */
export function sqlite3Version(): string | undefined {
  const r = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split(' ')[0] : undefined;
}

/**
 * SQLite's own CSV import of the same file (`.import`, into a new table named from the header,
 * in a new database file with the shell's defaults): the yardstick for the workbench's import.
 * Its peak RSS is the kernel's high-water mark (VmHWM), read from /proc every 5 ms while it runs.
 */
export async function sqlite3Import(csv: string, db: string): Promise<Sqlite3Import> {
  rmSync(db, { force: true });
  const started = performance.now();
  const child = spawn('sqlite3', [db, '-cmd', '.mode csv', `.import ${csv} events`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let peakKB = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKB = Math.max(peakKB, Number(m[1]));
    } catch {
      // Exited between two samples.
    }
  };
  const timer = setInterval(sample, 5);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  if (code !== 0) throw new Error(`sqlite3 .import failed (${code}): ${stderr}`);
  const count = spawnSync('sqlite3', [db, 'SELECT count(*) FROM events'], { encoding: 'utf8' });
  rmSync(db, { force: true });
  return { seconds, maxRssMB: peakKB / 1024, rows: Number(count.stdout.trim()) };
}
