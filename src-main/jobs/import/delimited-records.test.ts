// The plain-line reader against csv-parse itself: lines without quotes are split directly
// (core/dataset/plain-line.ts), and must give exactly the records and lines csv-parse gives as
// the importer configures it; from the first quote on, csv-parse reads, with the file's lines.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileWith } from '../../../test/helpers';
import { ImportError } from '../../core/dataset/errors';
import { Rng } from '../../core/random';
import { MAX_RECORD_CHARS, readDelimitedRecords } from './delimited-records';

type Rec = [string[], number];

/** What csv-parse alone makes of the text (LF line ends, as lfTextChunks leaves them). */
function csvParseRecords(text: string, delimiter: string): Rec[] {
  const out = parse(text, {
    delimiter,
    record_delimiter: '\n',
    bom: true,
    trim: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return out.map(({ record, info }) => [record, info.lines]);
}

async function readerRecords(text: string, delimiter: string, name = 'log.txt'): Promise<Rec[]> {
  const got: Rec[] = [];
  await readDelimitedRecords(fileWith(name, text), delimiter, { policy: 'fail', onBad: () => expect.fail('no bad rows') }, (f, line) => got.push([f, line]));
  return got;
}

// Every character JavaScript's trim() removes that csv-parse's trim also lists, and near misses.
const SPACES = [' ', '\t', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u000b', '\u000c', '\u200b', '\u180e', '\u0085'];
const DELIMITERS = [',', '\t', ';', '|', '::'];

describe('readDelimitedRecords', () => {
  it('gives what csv-parse gives for quote-free text: odd white space, empty and blank lines, a BOM, no final line end', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...DELIMITERS),
        fc.array(
          fc.array(fc.oneof(fc.constantFrom(...SPACES, ':', 'a', 'b7', 'é', '😀', ',', ';', '|', ''), fc.string({ maxLength: 3 }).filter((s) => !/["\r\n]/.test(s))), {
            maxLength: 8,
          }),
          { maxLength: 30 },
        ),
        fc.boolean(),
        fc.boolean(),
        async (delimiter, lines, bom, finalEol) => {
          // Some lines joined without the delimiter: single fields, blank and white-space-only lines.
          const body = lines.map((parts) => parts.join(parts.length % 3 === 0 ? '' : delimiter)).join('\n');
          const text = (bom ? '\ufeff' : '') + body + (finalEol ? '\n' : '');
          if (text.trim() === '') return; // the importer refuses an empty file before reading
          expect(await readerRecords(text, delimiter)).toEqual(csvParseRecords(text.replace(/^\ufeff/, ''), delimiter));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hands the rest to csv-parse from the first quote, more than a 1 MiB read after the start, with the file's own line numbers", async () => {
    const rng = new Rng(5);
    const lines = ['user,item,time'];
    const n = 100_000;
    for (let k = 0; k < n; k++) lines.push(`u${rng.int(500)} , i${rng.int(300)},${1_500_000_000 + k}`);
    lines.push('"u,1",i1,1500000000', '', 'u2,"multi', 'line",1500000001', ...lines.slice(1, 2000));
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(2 << 20);
    const got = await readerRecords(text, ',');
    expect(got).toEqual(csvParseRecords(text, ','));
    expect(got[n + 1]).toEqual([['u,1', 'i1', '1500000000'], n + 2]);
    expect(got[n + 2]).toEqual([['u2', 'multi\nline', '1500000001'], n + 5]);
  });

  it('hands the rest to csv-parse from a line too long to split safely', async () => {
    const long = `u1,${'x'.repeat(70_000)},1500000000`;
    const text = `user,item,time\nu0,i0,1\n${long}\nu2,i2,2\n`;
    expect(await readerRecords(text, ',')).toEqual(csvParseRecords(text, ','));
  });

  it('names the line of a quote left open late in a long file', async () => {
    const rows = Array.from({ length: 60_000 }, (_, k) => `u${k},i${k},${1_500_000_000 + k}`);
    rows.splice(50_000, 0, 'u,"never closed,1500000000');
    const err = await readerRecords(`user,item,time\n${rows.join('\n')}\n`, ',').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({ line: 50_002, problem: expect.stringMatching(/quoted field/) });
  });
});
