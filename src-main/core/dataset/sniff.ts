// Format detection from the first bytes/lines of a file. Pure: it sees a sample, never the disk.

export type DelimitedFormat = 'csv' | 'tsv' | 'semicolon' | 'pipe' | 'dat';
export type FormatName = DelimitedFormat | 'jsonl' | 'recbole';
export const FORMATS: readonly FormatName[] = ['csv', 'tsv', 'semicolon', 'pipe', 'dat', 'jsonl', 'recbole'];

export const DELIMITER_OF: Record<DelimitedFormat | 'recbole', string> = {
  csv: ',',
  tsv: '\t',
  semicolon: ';',
  pipe: '|',
  dat: '::',
  recbole: '\t',
};

const DELIMITER_NAME: Record<string, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe', '::': '"::"' };
// Order breaks ties: '::' before ',' so MovieLens ratings.dat is not read as something else.
const CANDIDATES: readonly DelimitedFormat[] = ['dat', 'tsv', 'csv', 'semicolon', 'pipe'];

export function delimiterName(d: string): string {
  return DELIMITER_NAME[d] ?? JSON.stringify(d);
}

/** Why these bytes cannot be a text log, or undefined when they look like text. */
export function binaryProblem(head: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(0x1f, 0x8b)) return 'this is a gzip-compressed file, not text: decompress it first (gunzip)';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'this is a zip archive, not text: extract the log from it first';
  if (starts(0x42, 0x5a, 0x68)) return 'this is a bzip2-compressed file, not text: decompress it first';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a)) return 'this is an xz-compressed file, not text: decompress it first';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'this is a zstd-compressed file, not text: decompress it first';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return 'this file is UTF-16 encoded: save it as UTF-8';
  if (starts(0x53, 0x51, 0x4c, 0x69, 0x74, 0x65)) return 'this is an SQLite database, not a log file';
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) if (head[i] === 0) return 'this is a binary file (it holds NUL bytes), not a text log';
  return undefined;
}

/** Complete, non-blank lines of a sample (the last line may be cut off, so it is dropped). */
export function sampleLines(sample: string, max = 50): string[] {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const lines = text.split(/\r?\n/);
  if (lines.length > 1) lines.pop();
  return lines.filter((l) => l.trim() !== '').slice(0, max);
}

/** Count of a delimiter outside double quotes (quotes may hold delimiters in CSV). */
function countOutsideQuotes(line: string, d: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && line.startsWith(d, i)) {
      count++;
      i += d.length - 1;
    }
  }
  return count;
}

/** The format of a log, judged by its name and first lines. */
export function detectFormat(sample: string, fileName: string): FormatName {
  const lines = sampleLines(sample);
  const first = lines[0] ?? '';
  if (/\.inter$/i.test(fileName) || /:(token|float)\b/.test(first)) return 'recbole';
  if (first.trimStart().startsWith('{')) return 'jsonl';
  let best: DelimitedFormat = 'csv';
  let bestScore = -1;
  for (const f of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, DELIMITER_OF[f]));
    if (counts[0] === 0) continue;
    // Score: how many lines agree with the first line's count. Consistency beats frequency.
    const agree = counts.filter((c) => c === counts[0]).length;
    if (agree > bestScore) {
      best = f;
      bestScore = agree;
    }
  }
  return best;
}

/** Other delimiters a single-field line holds: a hint for a wrong or mixed delimiter. */
export function otherDelimitersIn(line: string, used: string): string[] {
  return Object.values(DELIMITER_OF)
    .filter((d, i, all) => all.indexOf(d) === i && d !== used && countOutsideQuotes(line, d) > 0)
    .map(delimiterName);
}
