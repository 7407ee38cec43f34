import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { EventAccumulator, type BadRowPolicy, type ParsedLog } from '../../core/dataset/accumulator';
import type { ColumnMap } from '../../core/dataset/columns';
import { DelimitedRows } from '../../core/dataset/delimited-rows';
import { ImportError } from '../../core/dataset/errors';
import { JsonRows } from '../../core/dataset/json-rows';
import { DELIMITER_OF, type FormatName } from '../../core/dataset/sniff';
import { csvErrorLine, csvProblem, csvSkipReason, isCsvDataError } from './csv-errors';
import { quoteOpenedLine } from './quote-line';
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
  let lastSkippedLine = 0;
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
      if (!err) return undefined;
      // These leave csv-parse inside a quoted field: skipping would read the lines after it
      // into that field and drop them unseen. So they stop the import, as without skipping.
      if (err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'CSV_INVALID_CLOSING_QUOTE') throw err;
      // csv-parse reports every error in a record (`u0,i"x"y,1`: two stray quotes); the row
      // is skipped once. Records end at a line end, so one line is one record.
      if (csvErrorLine(err) !== lastSkippedLine) {
        lastSkippedLine = csvErrorLine(err);
        acc.bad(lastSkippedLine, csvSkipReason(err), csvProblem(err, MAX_RECORD_CHARS));
      }
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
    throw await csvImportError(file, delimiter, lastRecordLine + 1, e, opts);
  }
  rows.end();
}

/** The ImportError for a csv-parse error, at the line to fix. */
async function csvImportError(file: string, delimiter: string, recordLine: number, err: CsvError, opts: ReadLogOptions): Promise<ImportError> {
  const at = csvErrorLine(err);
  const notSkipped = opts.policy === 'skip' ? '; --skip-bad-rows cannot skip it, as the lines after it would be read into that field' : '';
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    const opened = await quoteOpenedLine(file, delimiter, recordLine, undefined, opts);
    return new ImportError(file, opened ?? at, csvProblem(err, MAX_RECORD_CHARS) + notSkipped);
  }
  // Met at a later quote or past 1 MiB, a quote left open on an earlier line is the cause.
  if (err.code === 'CSV_INVALID_CLOSING_QUOTE' || err.code === 'CSV_MAX_RECORD_SIZE') {
    const opened = at > recordLine ? await quoteOpenedLine(file, delimiter, recordLine, at, opts) : undefined;
    if (opened !== undefined && opened < at) {
      return new ImportError(file, opened, `a quoted field opened on this line is never closed: it runs on to line ${at}${notSkipped}`);
    }
  }
  return new ImportError(file, at, csvProblem(err, MAX_RECORD_CHARS) + (err.code === 'CSV_INVALID_CLOSING_QUOTE' ? notSkipped : ''));
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
