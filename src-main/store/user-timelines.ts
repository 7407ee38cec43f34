// A dataset's user timelines (core/dataset/split.ts), kept in the store beside its events. The
// split of every model reads them: on a 10M-event log, reading the events back and sorting them
// took about 12 s each time a model opened; the kept form loads in well under a second. They are
// derived data: built from the events on first use and written then, in a transaction of their
// own. A store that cannot take them (read-only, busy, a blob past SQLite's limit) just builds
// them again next time. A dataset's events never change after its import, so they never go stale;
// the row is deleted with the dataset.
import { userTimelines, type UserTimelines } from '../core/dataset/split';
import { getDataset, loadInteractions } from './datasets';
import type { Db } from './db';

export function loadUserTimelines(db: Db, datasetId: number): UserTimelines {
  const ds = getDataset(db, datasetId);
  if (!ds) throw new Error(`no dataset ${datasetId}`);
  const row = db.prepare('SELECT events, blob FROM user_timelines WHERE dataset_id = ?').get(datasetId) as { events: number; blob: Buffer } | undefined;
  if (row && row.events === ds.events) {
    const kept = decode(row.blob, ds.users, ds.items, ds.events);
    if (kept) return kept;
  }
  const built = userTimelines(loadInteractions(db, datasetId));
  // Never wait for another writer (an import may hold the store for a minute): keeping them can
  // wait for the next time a model opens.
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    db.prepare('INSERT OR REPLACE INTO user_timelines (dataset_id, events, blob) VALUES (?, ?, ?)').run(datasetId, ds.events, encode(built));
  } catch {
    // Not kept this time (see above): the timelines are correct all the same.
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  return built;
}

/** start (int32, users + 1), item (int32, events), then time (float64, events) at an 8-byte boundary. */
function layout(users: number, events: number) {
  const item = 4 * (users + 1);
  const time = Math.ceil((item + 4 * events) / 8) * 8;
  return { item, time, bytes: time + 8 * events };
}

function encode(t: UserTimelines): Buffer {
  const events = t.item.length;
  const at = layout(t.nUsers, events);
  const buf = Buffer.alloc(at.bytes);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  new Int32Array(ab, 0, t.nUsers + 1).set(t.start);
  new Int32Array(ab, at.item, events).set(t.item);
  new Float64Array(ab, at.time, events).set(t.time);
  return Buffer.from(ab);
}

/** The kept timelines, or undefined when the blob is not what this dataset's sizes call for (then they are rebuilt). */
function decode(blob: Buffer, users: number, items: number, events: number): UserTimelines | undefined {
  const at = layout(users, events);
  if (blob.byteLength !== at.bytes) return undefined;
  // One copy into an aligned buffer of our own: SQLite's Buffer may start anywhere.
  const ab = blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength);
  const start = new Int32Array(ab, 0, users + 1);
  if (start[0] !== 0 || start[users] !== events) return undefined;
  return { nUsers: users, nItems: items, start, item: new Int32Array(ab, at.item, events), time: new Float64Array(ab, at.time, events) };
}
