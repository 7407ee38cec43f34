// The parsing and saving rules, on the calling thread (importInThread): each import through the
// worker would start a thread; import-worker.test.ts holds the same errors and cancel through it.
import { describe, expect, it } from 'vitest';
import { fileWith, tmpDb } from '../../../test/helpers';
import { itemRecords, loadInteractions, userIds } from '../../store/datasets';
import { importInThread, type ImportOptions } from './import-in-thread';

async function imported(name: string, content: string | Uint8Array, opts: Partial<ImportOptions> = {}) {
  const { db } = tmpDb();
  const result = await importInThread(db, { file: fileWith(name, content), ...opts });
  const inter = loadInteractions(db, result.datasetId);
  return { db, result, inter, users: userIds(db, result.datasetId), items: itemRecords(db, result.datasetId) };
}

/** The events as [user, item, time in seconds] with external ids, in file order. */
function triples(r: Awaited<ReturnType<typeof imported>>): [string, string, number][] {
  return Array.from(r.inter.user, (u, e) => [r.users[u], r.items.ids[r.inter.item[e]], r.inter.time[e] / 1000]);
}

const EXPECTED: [string, string, number][] = [
  ['u1', 'i1', 1500000000],
  ['u1', 'i2', 1500000100],
  ['u2', 'i1', 1500000200],
];

describe('import: delimited formats', () => {
  it('reads a CSV with a header, mapping names by meaning', async () => {
    const r = await imported('a.csv', 'userId,movieId,rating,timestamp\nu1,i1,4,1500000000\nu1,i2,5,1500000100\nu2,i1,3,1500000200\n');
    expect(r.result).toMatchObject({ format: 'csv', users: 2, items: 2, events: 3, skipped: {} });
    expect(triples(r)).toEqual(EXPECTED);
  });

  it('reads header names trimmed and without case, in any column order (the Amazon file)', async () => {
    const r = await imported('b.csv', 'asin, reviewerID, overall, unixReviewTime\ni1,u1,5.0,1500000000\ni2,u1,4.0,1500000100\ni1,u2,1.0,1500000200\n');
    expect(triples(r)).toEqual(EXPECTED);
  });

  it('reads MovieLens u.data: tab-separated, no header, user item rating timestamp', async () => {
    const r = await imported('u.data', 'u1\ti1\t3\t1500000000\nu1\ti2\t3\t1500000100\nu2\ti1\t1\t1500000200\n');
    expect(r.result.format).toBe('tsv');
    expect(triples(r)).toEqual(EXPECTED);
  });

  it('reads MovieLens ratings.dat with the :: delimiter', async () => {
    const r = await imported('ratings.dat', 'u1::i1::5::1500000000\nu1::i2::3::1500000100\nu2::i1::4::1500000200\n');
    expect(r.result.format).toBe('dat');
    expect(triples(r)).toEqual(EXPECTED);
  });

  it('reads an Amazon ratings-only CSV (user,item,rating,time without header)', async () => {
    const r = await imported('ratings_Musical.csv', 'u1,i1,5.0,1500000000\nu1,i2,5.0,1500000100\nu2,i1,5.0,1500000200\n');
    expect(triples(r)).toEqual(EXPECTED);
  });

  it('reads three headerless columns as user, item, timestamp', async () => {
    const r = await imported('three.csv', 'u1,i1,1500000000\nu1,i2,1500000100\nu2,i1,1500000200\n');
    expect(triples(r)).toEqual(EXPECTED);
    expect(Number.isNaN(loadRatings(r)[0])).toBe(true);
  });

  it('reads semicolon and pipe delimiters', async () => {
    const semi = await imported('s.csv', 'user;item;rating;time\nu1;i1;1;1500000000\nu1;i2;2;1500000100\nu2;i1;3;1500000200\n');
    expect(semi.result.format).toBe('semicolon');
    expect(triples(semi)).toEqual(EXPECTED);
    const pipe = await imported('p.txt', 'user|item|time\nu1|i1|1500000000\nu1|i2|1500000100\nu2|i1|1500000200\n');
    expect(pipe.result.format).toBe('pipe');
    expect(triples(pipe)).toEqual(EXPECTED);
  });

  it('handles a UTF-8 BOM, CRLF line ends, quoted fields holding the delimiter and blank lines', async () => {
    const text = '\uFEFFuser_id,item_id,rating,timestamp\r\n"u1","i1",4,1500000000\r\n\r\nu1,"i2",5,1500000100\r\n"u2","i1",3,1500000200\r\n';
    const r = await imported('bom.csv', text);
    expect(triples(r)).toEqual(EXPECTED);
    const q = await imported('q.csv', 'user,item,time\n"Smith, J.","Cable ""10ft""",1500000000\n');
    expect(q.users).toEqual(['Smith, J.']);
    expect(q.items.ids).toEqual(['Cable "10ft"']);
  });

  it('keeps ids exactly as written (leading zeros, case)', async () => {
    const r = await imported('ids.csv', 'user,item,time\n007,A-1,1500000000\n7,a-1,1500000001\n');
    expect(r.users).toEqual(['007', '7']);
    expect(r.items.ids).toEqual(['A-1', 'a-1']);
  });

  it('reads unix seconds, unix milliseconds and ISO-8601 dates to the same instant', async () => {
    const r = await imported(
      't.csv',
      'user,item,time\nu1,i1,1500000000\nu1,i2,1500000000000\nu1,i3,2017-07-14T02:40:00Z\nu1,i4,2017-07-14T04:40:00+02:00\nu1,i5,2017-07-14\n',
    );
    expect(Array.from(r.inter.time)).toEqual([1.5e12, 1.5e12, 1.5e12, 1.5e12, Date.UTC(2017, 6, 14)]);
  });

  it('honours --columns, ignoring columns named _', async () => {
    const r = await imported('c.csv', 'x,u1,i1,1500000000,5\nx,u1,i2,1500000100,5\nx,u2,i1,1500000200,5\n', {
      columns: '_,user,item,timestamp,rating',
    });
    expect(triples(r)).toEqual(EXPECTED);
  });

  it('honours --columns when the file has a header it names differently', async () => {
    const r = await imported('c2.csv', 'who,what,when\nu1,i1,1500000000\nu1,i2,1500000100\nu2,i1,1500000200\n', {
      columns: 'user,item,timestamp',
    });
    expect(triples(r)).toEqual(EXPECTED);
  });

  it('honours a named --format', async () => {
    const r = await imported('odd.txt', 'u1;i1;1500000000\nu1;i2;1500000100\nu2;i1;1500000200\n', { format: 'semicolon' });
    expect(triples(r)).toEqual(EXPECTED);
  });

  it('counts rows identical in user, item and time as duplicates, but keeps a repeat purchase at another time', async () => {
    const r = await imported('d.csv', 'user,item,time\nu1,i1,1500000000\nu1,i1,1500000000\nu1,i1,1500009999\n');
    expect(r.result.events).toBe(2);
    expect(r.result.skipped).toEqual({ duplicate: 1 });
  });
});

describe('import: JSON lines and RecBole', () => {
  it('reads Amazon review JSON', async () => {
    const lines = [
      { reviewerID: 'u1', asin: 'i1', overall: 5.0, unixReviewTime: 1500000000, reviewText: 'great, "really"' },
      { reviewerID: 'u1', asin: 'i2', overall: 4.0, unixReviewTime: 1500000100, reviewTime: '07 14, 2017' },
      { reviewerID: 'u2', asin: 'i1', overall: 3.0, unixReviewTime: 1500000200 },
    ];
    const r = await imported('reviews.json', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect(r.result.format).toBe('jsonl');
    expect(triples(r)).toEqual(EXPECTED);
    expect(Array.from(loadRatings(r))).toEqual([5, 4, 3]);
  });

  it('reads any JSON object with recognisable names, CRLF and a BOM', async () => {
    const text = '\uFEFF{"user_id":"u1","item_id":"i1","timestamp":"2017-07-14T02:40:00Z"}\r\n{"user_id":"u1","item_id":"i2","timestamp":1500000100}\r\n{"user_id":"u2","item_id":"i1","timestamp":1500000200}';
    const r = await imported('any.jsonl', text);
    expect(triples(r)).toEqual(EXPECTED);
  });

  it('reads RecBole atomic .inter files', async () => {
    const text = 'user_id:token\titem_id:token\trating:float\ttimestamp:float\nu1\ti1\t4\t1500000000\nu1\ti2\t5\t1500000100\nu2\ti1\t3\t1500000200\n';
    const r = await imported('ml.inter', text);
    expect(r.result.format).toBe('recbole');
    expect(triples(r)).toEqual(EXPECTED);
  });
});

describe('import: titles', () => {
  it('reads MovieLens u.item in ISO-8859-1', async () => {
    const uitem = Buffer.concat([
      Buffer.from('i1|Toy Story (1995)|01-Jan-1995||http://x|0|1\n', 'latin1'),
      Buffer.from('i2|Cit\xe9 des enfants perdus, La (1995)|01-Jan-1995||http://y|0|1\n', 'latin1'),
    ]);
    const { db } = tmpDb();
    const res = await importInThread(db, {
      file: fileWith('u.data', 'u1\ti1\t3\t1500000000\nu1\ti2\t3\t1500000100\n'),
      itemsFile: fileWith('u.item', uitem),
    });
    expect(itemRecords(db, res.datasetId).titles).toEqual(['Toy Story (1995)', 'Cité des enfants perdus, La (1995)']);
  });

  it('reads titles by header name and decodes HTML entities', async () => {
    const { db } = tmpDb();
    const res = await importInThread(db, {
      file: fileWith('e.csv', 'user,item,time\nu1,B1,1500000000\nu1,B2,1500000100\nu1,B3,1500000200\n'),
      itemsFile: fileWith('meta.csv', 'Product ID,Description,price\nB1,"Cable 1/4&quot; plugs",1\nB2,Tom &amp; Jerry&#39;s &lt;b&gt;,2\nB9,unused,3\n'),
    });
    expect(itemRecords(db, res.datasetId).titles).toEqual(['Cable 1/4" plugs', "Tom & Jerry's <b>", null]);
    expect(res.titles).toBe(2);
  });
});

function loadRatings(r: Awaited<ReturnType<typeof imported>>): number[] {
  return (r.db.prepare('SELECT rating FROM events WHERE dataset_id = ? ORDER BY seq').pluck().all(r.result.datasetId) as (number | null)[]).map(
    (x) => x ?? NaN,
  );
}
