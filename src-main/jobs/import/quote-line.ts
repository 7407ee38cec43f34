import { OpenQuoteFinder } from '../../core/dataset/open-quote';
import { lfTextChunks, type TextChunkOptions } from './text-chunks';

/**
 * The line where a quoted field still open at the start of line `toLine` (or at the end of
 * the file, when toLine is absent) was opened; undefined when none is open there. A quote left
 * open runs on through later lines, so csv-parse notices it at the end of the file or at the
 * next quote it meets, but the line to fix is the one where it opened. Reads the file again
 * from `fromLine`, which must start a record (the line after the last good one).
 */
export async function quoteOpenedLine(
  file: string,
  delimiter: string,
  fromLine: number,
  toLine: number | undefined,
  opts: TextChunkOptions,
): Promise<number | undefined> {
  const finder = new OpenQuoteFinder(delimiter, fromLine);
  let line = 1;
  for await (const text of lfTextChunks(file, { encoding: opts.encoding, signal: opts.signal })) {
    let start = 0;
    while (line < fromLine && start !== -1) {
      const nl = text.indexOf('\n', start);
      start = nl === -1 ? -1 : nl + 1;
      if (nl !== -1) line++;
    }
    if (start === -1) continue;
    let end = text.length;
    for (let p = start; toLine !== undefined && line < toLine; line++) {
      const nl = text.indexOf('\n', p);
      if (nl === -1) break;
      p = end = nl + 1;
    }
    if (toLine !== undefined && line >= toLine) {
      finder.feed(text.slice(start, end));
      break;
    }
    finder.feed(start ? text.slice(start) : text);
  }
  return finder.end();
}
