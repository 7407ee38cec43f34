import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import type { BadRowPolicy } from '../../core/dataset/accumulator';
import { ImportError, type SkipReason } from '../../core/dataset/errors';
import { plainLineFields, PLAIN_LINE_MAX_CHARS } from '../../core/dataset/plain-line';
import { csvErrorLine, csvProblem, csvSkipReason, isCsvDataError } from './csv-errors';
import { quoteOpenedLine } from './quote-line';
import { lfTextChunks, type TextChunkOptions } from './text-chunks';

/** A record (line, or quoted multi-line row) longer than this is refused: 1 MiB. */
export const MAX_RECORD_CHARS = 1 << 20;

export interface DelimitedOptions extends TextChunkOptions {
  policy: BadRowPolicy;
  /** A row csv-parse could not read, with policy 'skip'. */
  onBad: (line: number, reason: SkipReason, detail: string) => void;
}

/** Newlines fed to csv-parse at a time before the part of the file it reads (see below). */
const PAD = 1 << 20;

/**
 * Reads a delimited file record by record: `onRecord` gets each record's fields (split,
 * unquoted, trimmed) with the line it ends on. Lines are split directly while they hold no quote
 * (plain-line.ts, ten times csv-parse's speed); from the first line that does, csv-parse reads
 * the rest of the file, so quoting follows its rules exactly. It is given as many empty lines
 * first as the lines already read, which it skips: its line numbers, in records and in errors,
 * are then the file's own.
 */
export async function readDelimitedRecords(
  file: string,
  delimiter: string,
  opts: DelimitedOptions,
  onRecord: (fields: string[], line: number) => void,
): Promise<void> {
  const chunks = lfTextChunks(file, opts);
  let line = 0; // lines read so far
  let lastRecordLine = 0;
  let carry = ''; // the start of a line cut by a chunk's end
  let rest: string | undefined; // the text from the first line that csv-parse must read
  const plain = (text: string): boolean => {
    const fields = plainLineFields(text, delimiter);
    if (fields === undefined) return false;
    line++;
    if (fields !== 'empty') {
      onRecord(fields, line);
      lastRecordLine = line;
    }
    return true;
  };
  try {
    while (rest === undefined) {
      const next = await chunks.next();
      if (next.done) {
        if (carry !== '' && !plain(carry)) rest = carry; // a last line without a line end
        break;
      }
      const text = carry + next.value;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1 && rest === undefined; nl = text.indexOf('\n', start)) {
        if (plain(text.slice(start, nl))) start = nl + 1;
        else rest = text.slice(start);
      }
      carry = text.slice(start);
      if (carry.length > PLAIN_LINE_MAX_CHARS) rest = carry;
    }
    if (rest !== undefined) await parseRest(file, delimiter, opts, padded(line, rest, chunks), lastRecordLine, onRecord);
  } finally {
    // Closes the file when a bad row, a cancel or csv-parse stopped the reading early.
    await chunks.return(undefined);
  }
}

/** `lines` empty lines, then `text`, then what is left of `chunks`. */
async function* padded(lines: number, text: string, chunks: AsyncGenerator<string>): AsyncGenerator<string> {
  for (let n = lines; n > 0; n -= PAD) yield '\n'.repeat(Math.min(n, PAD));
  yield text;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
}

async function parseRest(
  file: string,
  delimiter: string,
  opts: DelimitedOptions,
  text: AsyncGenerator<string>,
  lastGoodLine: number,
  onRecord: (fields: string[], line: number) => void,
): Promise<void> {
  let lastRecordLine = lastGoodLine;
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
        opts.onBad(lastSkippedLine, csvSkipReason(err), csvProblem(err, MAX_RECORD_CHARS));
      }
      return undefined;
    },
  });
  const source = Readable.from(text);
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      onRecord(record, info.lines);
      lastRecordLine = info.lines;
    }
  } catch (e) {
    source.destroy();
    if (!isCsvDataError(e)) throw e;
    throw await csvImportError(file, delimiter, lastRecordLine + 1, e, opts);
  }
}

/** The ImportError for a csv-parse error, at the line to fix. */
async function csvImportError(file: string, delimiter: string, recordLine: number, err: CsvError, opts: DelimitedOptions): Promise<ImportError> {
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
