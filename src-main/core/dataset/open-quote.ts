/**
 * Finds the line where a never-closed quote opened. csv-parse only notices an unclosed quote
 * at the end of the file, and "line 1000000" sends an analyst to the wrong place: the quote
 * that swallowed the rest of the file is what they need to see. This follows csv-parse's rules
 * as the importer configures it (trim on, `"` quotes, `""` escapes, LF ends a line): a quote
 * opens a field only at the field's start, and closes only before a delimiter, a line end,
 * whitespace or the end of the text.
 */
export class OpenQuoteFinder {
  private line: number;
  private quoted = false;
  private openedAt = 0;
  private atFieldStart = true;
  /** Unread tail of the last chunk: deciding on a character may need the next few. */
  private pending = '';
  private first: boolean;

  /** @param startLine the line the text fed next begins on; it must begin a record. */
  constructor(
    private readonly delimiter: string,
    startLine = 1,
  ) {
    this.line = startLine;
    this.first = startLine === 1; // a BOM only counts at the very start of the file
  }

  feed(text: string): void {
    let s = this.pending + text;
    if (this.first && s.length > 0) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    // A quote followed by a delimiter is the longest look-ahead: 1 + delimiter.length.
    this.pending = s.slice(this.scan(s, s.length - this.delimiter.length));
  }

  /** The line of the quote still open at the end of the text, or undefined when none is. */
  end(): number | undefined {
    this.scan(this.pending, this.pending.length);
    this.pending = '';
    return this.quoted ? this.openedAt : undefined;
  }

  /** Reads the characters that start before `limit`; returns where it stopped. */
  private scan(s: string, limit: number): number {
    let i = 0;
    for (; i < limit; i++) {
      const c = s[i];
      if (c === '\n') this.line++;
      if (this.quoted) {
        if (c !== '"') continue;
        const next = s[i + 1];
        if (next === '"') {
          i++; // "" is one quote inside the field
        } else if (next === undefined || /\s/.test(next) || s.startsWith(this.delimiter, i + 1)) {
          this.quoted = false;
          this.atFieldStart = false;
        }
      } else if (c === '\n') {
        this.atFieldStart = true;
      } else if (s.startsWith(this.delimiter, i)) {
        this.atFieldStart = true;
        i += this.delimiter.length - 1;
      } else if (c === '"' && this.atFieldStart) {
        this.quoted = true;
        this.openedAt = this.line;
      } else if (!/\s/.test(c)) {
        this.atFieldStart = false;
      }
    }
    return i;
  }
}
