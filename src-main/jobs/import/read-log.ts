import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { EventAccumulator, type BadRowPolicy, type ParsedLog } from '../../core/dataset/accumulator';
import type { ColumnMap } from '../../core/dataset/columns';
import { DelimitedRows } from '../../core/dataset/delimited-rows';
import { ImportError, type SkipReason } from '../../core/dataset/errors';
import { JsonRows } from '../../core/dataset/json-rows';
import { DELIMITER_OF, type FormatName } from '../../core/dataset/sniff';
import { textChunks, type TextChunkOptions } from './text-chunks';

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
  const parser = parse({
    delimiter,
    bom: true,
    trim: true,
    info: true,
    relax_column_count: true, // field counts are checked per row by DelimitedRows, with a clear message
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: opts.policy === 'skip',
    on_skip: (err) => {
      if (err) acc.bad(Number(err.lines), skipReasonOf(err), csvProblem(err));
      return undefined;
    },
  });
  const source = Readable.from(textChunks(file, opts));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      rows.push(record, info.lines);
    }
  } catch (e) {
    source.destroy();
    if (isCsvError(e)) throw new ImportError(file, Number(e.lines), csvProblem(e));
    throw e;
  }
  rows.end();
}

async function readJsonLines(file: string, acc: EventAccumulator, opts: ReadLogOptions): Promise<void> {
  const rows = new JsonRows(acc);
  let line = 0;
  let carry = '';
  let oversized = false; // inside a line already reported as too long: drop until its end
  for await (const text of textChunks(file, opts)) {
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

function isCsvError(e: unknown): e is CsvError {
  return typeof e === 'object' && e !== null && 'code' in e && String((e as CsvError).code).startsWith('CSV_');
}

function skipReasonOf(err: CsvError): SkipReason {
  return err.code === 'CSV_MAX_RECORD_SIZE' ? 'record-too-large' : 'bad-quoting';
}

function csvProblem(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is opened but never closed';
    case 'CSV_MAX_RECORD_SIZE':
      return `a record longer than ${MAX_RECORD_CHARS} characters (a missing line break or an unclosed quote?)`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quote in the middle of a field: quote the whole field and double any quote inside it';
    default:
      return err.message;
  }
}
