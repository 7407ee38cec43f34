import { EventAccumulator, type BadRowPolicy } from '../../core/dataset/accumulator';
import type { ColumnMap } from '../../core/dataset/columns';
import { DelimitedRows } from '../../core/dataset/delimited-rows';
import type { EventSink } from '../../core/dataset/event-sink';
import { JsonRows } from '../../core/dataset/json-rows';
import { DELIMITER_OF, type FormatName } from '../../core/dataset/sniff';
import { MAX_RECORD_CHARS, readDelimitedRecords } from './delimited-records';
import { lfTextChunks, type TextChunkOptions } from './text-chunks';

export { MAX_RECORD_CHARS } from './delimited-records';

export interface ReadLogOptions extends TextChunkOptions {
  format: FormatName;
  columns?: ColumnMap;
  policy: BadRowPolicy;
}

/**
 * Reads a whole log, validating every row, and hands the good ones to `sink` as they are
 * read. The accumulator it returns holds the ids and counts; its finish() wants the sink's
 * duplicates.
 */
export async function readLog(file: string, opts: ReadLogOptions, sink: EventSink): Promise<EventAccumulator> {
  const acc = new EventAccumulator(file, opts.policy, sink);
  if (opts.format === 'jsonl') await readJsonLines(file, acc, opts);
  else await readDelimited(file, acc, opts);
  return acc;
}

async function readDelimited(file: string, acc: EventAccumulator, opts: ReadLogOptions): Promise<void> {
  const delimiter = DELIMITER_OF[opts.format as Exclude<FormatName, 'jsonl'>];
  const rows = new DelimitedRows(file, delimiter, acc, opts.columns);
  await readDelimitedRecords(file, delimiter, { ...opts, onBad: (line, reason, detail) => acc.bad(line, reason, detail) }, (fields, line) =>
    rows.push(fields, line),
  );
  rows.end();
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
