import { CsvError } from 'csv-parse';
import type { SkipReason } from '../../core/dataset/errors';

/**
 * Every error csv-parse raises while reading data is the input's fault. Matched by class, not
 * by a `CSV_` prefix: csv-parse names some of its codes without it (INVALID_OPENING_QUOTE).
 */
export function isCsvDataError(e: unknown): e is CsvError {
  return e instanceof CsvError;
}

/** The line csv-parse was on when it raised the error (1 when it gives none). */
export function csvErrorLine(err: CsvError): number {
  const line = Number(err.lines);
  return Number.isInteger(line) && line >= 1 ? line : 1;
}

export function csvSkipReason(err: CsvError): SkipReason {
  return err.code === 'CSV_MAX_RECORD_SIZE' ? 'record-too-large' : 'bad-quoting';
}

export function csvProblem(err: CsvError, maxRecordChars: number): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is opened but never closed';
    case 'CSV_MAX_RECORD_SIZE':
      return `a record longer than ${maxRecordChars} characters (a missing line break or an unclosed quote?)`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'a quote in the middle of a field: quote the whole field and double any quote inside it';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return 'this row has a different number of fields from the others';
    default:
      // csv-parse's own words, without its "at line N" (the caller names the line).
      return `cannot read this row (${err.message.replace(/\s*at line \d+/, '')})`;
  }
}
