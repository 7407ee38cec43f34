import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { EventAccumulator, type BadRowPolicy, type ParsedLog } from '../../core/dataset/accumulator';
import type { ColumnMap } from '../../core/dataset/columns';
import { DelimitedRows } from '../../core/dataset/delimited-rows';
import { ImportError } from '../../core/dataset/errors';
import { JsonRows } from '../../core/dataset/json-rows';
import { OpenQuoteFinder } from '../../core/dataset/open-quote';
import { DELIMITER_OF, type FormatName } from '../../core/dataset/sniff';
import { csvErrorLine, csvProblem, csvSkipReason, isCsvDataError } from './csv-errors';
import { lfTextChunks, type TextChunkOptions } from './text-chunks';

/** A record (line, or quoted multi-line row) longer than this is refused: 1 MiB. */
export const MAX_RECORD_CHARS = 1 << 20;

export interface ReadLogOptions extends TextChunkOptions {
  format: FormatName;
  columns?: ColumnMap;
  policy: BadRowPolicy;
}

/** Parses a whole log file into compact columns, validating every row. */
export async function readLog(file: string, opts: ReadLogOptions): Promise<ParsedLog> {
  const acc = new EventAccumulator(file, opts.policy);
  if (opts.format === 'jsonl') await readJsonLines(file, acc, opts);
  else await readDelimited(file, acc, opts);
  return acc.finish();
}

async function readDelimited(file: string, acc: EventAccumulator, opts: ReadLogOptions): Promise<void> {
  const delimiter = DELIMITER_OF[opts.format as Exclude<FormatName, 'jsonl'>];
  const rows = new DelimitedRows(file, delimiter, acc, opts.columns);
  let lastRecordLine = 0;
  // With --skip-bad-rows, an unclosed quote is counted once the whole file is read, at the
  // line where it opened (found by reading the file again from the last good record).
  let unclosed: CsvError | undefined;
  const parser = parse({
    delimiter,
    // lfTextChunks leaves LF as the only line end; csv-parse would otherwise adopt the first
    // one it meets (a stray CR included) for the whole file.
    record_delimiter: '\n',
    bom: true,
    trim: true,
    info: true,
    relax_column_count: true, // field counts are checked per row by DelimitedRows, with a clear message
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: opts.policy === 'skip',
    on_skip: (err) => {
      if (err?.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = err;
      else if (err) acc.bad(csvErrorLine(err), csvSkipReason(err), csvProblem(err, MAX_RECORD_CHARS));
      return undefined;
    },
  });
  const source = Readable.from(lfTextChunks(file, opts));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      rows.push(record, info.lines);
      lastRecordLine = info.lines;
    }
  } catch (e) {
    source.destroy();
    if (!isCsvDataError(e)) throw e;
    const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? await openQuoteLine(file, delimiter, lastRecordLine + 1, e, opts) : csvErrorLine(e);
    throw new ImportError(file, line, csvProblem(e, MAX_RECORD_CHARS));
  }
  if (unclosed) acc.bad(await openQuoteLine(file, delimiter, lastRecordLine + 1, unclosed, opts), 'bad-quoting', csvProblem(unclosed, MAX_RECORD_CHARS));
  rows.end();
}

/** The line where the quote that csv-parse found unclosed at the end of the file was opened. */
async function openQuoteLine(file: string, delimiter: string, fromLine: number, err: CsvError, opts: ReadLogOptions): Promise<number> {
  const finder = new OpenQuoteFinder(delimiter, fromLine);
  let line = 1;
  let skipping = fromLine > 1;
  for await (const text of lfTextChunks(file, { encoding: opts.encoding, signal: opts.signal })) {
    let start = 0;
    while (skipping) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      start = nl + 1;
      if (++line === fromLine) skipping = false;
    }
    if (!skipping) finder.feed(start ? text.slice(start) : text);
  }
  // Should the two readings ever disagree, csv-parse's own line is still inside the file.
  return finder.end() ?? csvErrorLine(err);
}

async function readJsonLines(file: string, acc: EventAccumulator, opts: ReadLogOptions): Promise<void> {
  const rows = new JsonRows(acc);
  let line = 0;
  let carry = '';
  let oversized = false; // inside a line already reported as too long: drop until its end
  for await (const text of lfTextChunks(file, opts)) {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line++;
      const piece = carry + text.slice(start, nl);
      carry = '';
      start = nl + 1;
      if (oversized) {
        oversized = false;
        continue;
      }
      if (piece.length > MAX_RECORD_CHARS) {
        acc.bad(line, 'record-too-large', `a line longer than ${MAX_RECORD_CHARS} characters`);
        continue;
      }
      rows.push(stripLineEnd(piece, line), line);
    }
    if (!oversized) carry += text.slice(start);
    if (carry.length > MAX_RECORD_CHARS) {
      acc.bad(line + 1, 'record-too-large', `a line longer than ${MAX_RECORD_CHARS} characters`);
      carry = '';
      oversized = true;
    }
  }
  if (!oversized && carry !== '') rows.push(stripLineEnd(carry, line + 1), line + 1);
}

function stripLineEnd(s: string, line: number): string {
  const t = s.endsWith('\r') ? s.slice(0, -1) : s;
  return line === 1 && t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
}
