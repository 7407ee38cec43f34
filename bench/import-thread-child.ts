// Runs one import in its own process, on the calling thread or through the import worker (or
// none, 'idle'), and measures how long the process's main thread could not run anything meanwhile.
import { rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { importInThread } from '../src-main/jobs/import/import-in-thread';
import { openDb } from '../src-main/store/db';

const [mode, file, dbPath] = process.argv.slice(2);
rmSync(dbPath, { force: true });
const db = openDb(dbPath);
// The histogram samples every 10 ms; a thread busy for X ms records one delay of about X ms.
const delay = monitorEventLoopDelay({ resolution: 10 });
// A heartbeat, as a UI's redraws would be: the longest gap between two of its ticks.
let last = performance.now();
let worstGap = 0;
const heartbeat = setInterval(() => {
  const now = performance.now();
  worstGap = Math.max(worstGap, now - last);
  last = now;
}, 10);
delay.enable();
const started = performance.now();
// 'idle' imports nothing for 10 s: the delays the machine itself causes (other processes).
const r =
  mode === 'idle'
    ? await new Promise<{ events: number }>((done) => setTimeout(() => done({ events: 0 }), 10_000))
    : mode === 'thread'
      ? await importInThread(db, { file })
      : await importDataset(db, { file });
const seconds = (performance.now() - started) / 1000;
delay.disable();
clearInterval(heartbeat);
db.close();
rmSync(dbPath, { force: true });
process.stdout.write(JSON.stringify({ mode, seconds, events: r.events, maxDelayMs: delay.max / 1e6, p99DelayMs: delay.percentile(99) / 1e6, worstGapMs: worstGap }));
