/**
 * The fields of one line of a delimited log, split without csv-parse when nothing in the line
 * needs its rules: csv-parse reads about 120,000 rows a second here, a plain split ten times
 * that, and most logs (MovieLens, Amazon's ratings, RecBole's .inter) hold no quote at all.
 *
 * It gives exactly what csv-parse gives as the importer configures it (trim on, `"` quotes, LF
 * ends a record, empty lines skipped), which read-log.test.ts checks on generated lines:
 * - without a quote character, a delimiter always ends a field, so fields are the split;
 * - csv-parse trims the characters JavaScript's trim() does (its list is Unicode's white space);
 * - a line with no delimiter and nothing but white space is an empty line, skipped.
 * A line with a quote, or long enough that csv-parse's 1 MiB record limit could apply, is
 * `undefined`: the caller hands it (and the rest of the file) to csv-parse.
 */
export function plainLineFields(line: string, delimiter: string): string[] | 'empty' | undefined {
  if (line.length > PLAIN_LINE_MAX_CHARS || line.includes('"')) return undefined;
  const fields = line.split(delimiter);
  if (fields.length === 1) {
    const only = fields[0].trim();
    return only === '' ? 'empty' : [only];
  }
  for (let k = 0; k < fields.length; k++) fields[k] = fields[k].trim();
  return fields;
}

/** 64 Ki characters are at most 192 KiB of UTF-8: far below csv-parse's record limit. */
export const PLAIN_LINE_MAX_CHARS = 1 << 16;
