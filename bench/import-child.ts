// Runs one import in its own process so that its peak RSS is the import's alone.
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { openDb } from '../src-main/store/db';

const [file, dbPath] = process.argv.slice(2);
const db = openDb(dbPath);
const started = performance.now();
const r = await importDataset(db, { file });
const seconds = (performance.now() - started) / 1000;
db.close();
process.stdout.write(
  JSON.stringify({ seconds, events: r.events, users: r.users, items: r.items, maxRssMB: process.resourceUsage().maxRSS / 1024 }),
);
