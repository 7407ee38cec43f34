import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { writeLog } from './import';

interface Run {
  mode: string;
  seconds: number;
  events: number;
  maxDelayMs: number;
  p99DelayMs: number;
  worstGapMs: number;
}

function run(mode: 'idle' | 'thread' | 'worker', csv: string, db: string): Run {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-thread-child.ts'), mode, csv, db], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as Run;
}

/**
 * The main thread's worst event-loop delay during a 1M-row import: on that thread (as before
 * issue 10) and through the import worker (jobs/import/import-dataset.ts). In the desktop app
 * that thread is Electron's main process, which must answer the window; in the browser host,
 * the server's.
 */
export async function benchImportThread(tmp: string): Promise<string> {
  mkdirSync(tmp, { recursive: true });
  const csv = join(tmp, 'import-1m.csv');
  if (!existsSync(csv)) await writeLog(csv);
  const db = join(tmp, 'import-thread-bench.db');
  // Other work on the machine stretches the worst delays on either side: the figures name it.
  const load = loadavg()[0];
  const idle = run('idle', csv, db);
  const before = run('thread', csv, db);
  const after = run('worker', csv, db);
  const mb = statSync(csv).size / 1e6;
  for (const r of [idle, before, after]) console.error(`${r.mode}: worst loop delay ${r.maxDelayMs.toFixed(0)} ms, ${r.seconds.toFixed(2)} s`);
  const row = (what: string, f: (r: Run) => string, aim = '') => `| ${what} | ${f(idle)} | ${f(before)} | ${f(after)} | ${aim} |`;
  return [
    '## The main thread during an import (issue 10)',
    '',
    `The same generated ${before.events.toLocaleString('en')}-row CSV (${mb.toFixed(1)} MB) as the import section, imported in a child process`,
    "of its own; the figures are that process's main thread (in the app: the one that answers the window).",
    '"Before" imports on that thread (importInThread); "after" through the import worker, as the app, the',
    'browser host and the CLI now do. Worst delay: monitorEventLoopDelay\'s maximum (10 ms resolution); worst',
    'gap: the longest time between two ticks of a 10 ms timer, as a window\'s redraws would be.',
    `Measured with a 1-minute load average of ${load.toFixed(1)} on this machine; "idle" is the same process importing`,
    'nothing for 10 s: the delays the machine alone causes.',
    '',
    '| figure | idle | before (main thread) | after (worker) | aim |',
    '|---|---|---|---|---|',
    row('worst event-loop delay', (r) => `${r.maxDelayMs.toFixed(0)} ms`, 'after: near idle'),
    row('99th percentile delay', (r) => `${r.p99DelayMs.toFixed(0)} ms`),
    row('worst gap between 10 ms ticks', (r) => `${r.worstGapMs.toFixed(0)} ms`),
    row('wall time', (r) => `${r.seconds.toFixed(2)} s`),
    '',
  ].join('\n');
}
