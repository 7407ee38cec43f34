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
