import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { ImportError, shown } from '../../core/dataset/errors';
import { DELIMITER_OF, detectFormat, type DelimitedFormat } from '../../core/dataset/sniff';
import { cleanTitle, planTitleColumns, type TitleColumns } from '../../core/dataset/titles';
import { csvErrorLine, csvProblem, isCsvDataError } from './csv-errors';
import { MAX_RECORD_CHARS } from './read-log';
import { NotUtf8Error, readSample, textChunks, type TextChunkOptions } from './text-chunks';

/**
 * Reads item titles for the ids a log holds. UTF-8 first; a file that is not valid UTF-8 is
 * read again as ISO-8859-1, the encoding of MovieLens u.item.
 */
export async function readTitles(
  file: string,
  wanted: ReadonlySet<string>,
  opts: TextChunkOptions = {},
): Promise<{ titles: Map<string, string>; encoding: 'utf-8' | 'latin1' }> {
  try {
    return { titles: await readTitlesAs(file, wanted, { ...opts, encoding: 'utf-8' }), encoding: 'utf-8' };
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    return { titles: await readTitlesAs(file, wanted, { ...opts, encoding: 'latin1' }), encoding: 'latin1' };
  }
}

async function readTitlesAs(file: string, wanted: ReadonlySet<string>, opts: TextChunkOptions): Promise<Map<string, string>> {
  const sample = await readSample(file).catch((e: unknown) => {
    throw new ImportError(file, 0, `cannot read the titles file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  });
  const format = detectFormat(sample.text, file);
  if (format === 'jsonl' || format === 'recbole') throw new ImportError(file, 1, 'a titles file must be delimited text (id and title columns)');
  const parser = parse({
    delimiter: DELIMITER_OF[format as DelimitedFormat],
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true, // titles hold stray quotes (12" records); never fatal here
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const source = Readable.from(textChunks(file, opts));
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  const titles = new Map<string, string>();
  let cols: TitleColumns | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!cols) {
        cols = planTitleColumns(record);
        if (!cols) {
          throw new ImportError(file, info.lines, `cannot tell the id and title columns in "${shown(record.join(','), 80)}": name them id and title`);
        }
        if (cols.header) continue;
      }
      const id = record[cols.id]?.trim();
      const title = record[cols.title];
      if (id && title !== undefined && wanted.has(id) && !titles.has(id)) titles.set(id, cleanTitle(title));
    }
  } catch (e) {
    source.destroy();
    if (isCsvDataError(e)) throw new ImportError(file, csvErrorLine(e), csvProblem(e, MAX_RECORD_CHARS));
    throw e;
  }
  if (!cols) throw new ImportError(file, 1, 'the titles file is empty');
  return titles;
}
