/**
 * A problem with the user's input. It always names where (file, line) and what, because an
 * analyst with a million-row log needs to jump straight to the offending line.
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}, line ${line}: ${problem}`);
    this.name = 'ImportError';
  }
}

/** Reasons a row can be skipped with --skip-bad-rows; these keys appear in `skipped`. */
export type SkipReason =
  | 'duplicate'
  | 'wrong-field-count'
  | 'bad-timestamp'
  | 'bad-rating'
  | 'missing-id'
  | 'bad-json'
  | 'bad-quoting'
  | 'record-too-large';

/**
 * Text from the file as quoted in a message: kept to one line (a quoted cell can hold line
 * breaks, which would split the CLI's one-line error) and clipped, with "…" where it was cut.
 */
export function shown(text: string, max = 40): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
    if (out.length > max) return `${out.slice(0, max)}…`;
  }
  return out;
}
