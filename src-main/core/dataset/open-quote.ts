/**
 * Finds the line where a never-closed quote opened. csv-parse only notices an unclosed quote
 * at the end of the file, and "line 1000000" sends an analyst to the wrong place: the quote
 * that swallowed the rest of the file is what they need to see. This follows csv-parse's rules
 * as the importer configures it (trim on, `"` quotes, `""` escapes, LF or CRLF ends a line):
 * a quote opens a field only at the field's start, and closes only before a delimiter, a line
 * end, whitespace or the end of the text.
 */
export class OpenQuoteFinder {
  private line: number;
  private quoted = false;
  private openedAt = 0;
  private atFieldStart = true;
  /** A quote seen as the last character of the previous chunk, inside a quoted field. */
  private pendingQuote = false;
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
    let i = 0;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.pendingQuote) {
      this.pendingQuote = false;
      i = this.afterQuote(text, i - 1);
    }
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') this.line++;
      if (this.quoted) {
        if (c !== '"') continue;
        if (i + 1 >= text.length) {
          this.pendingQuote = true;
          return;
        }
        i = this.afterQuote(text, i) - 1;
        continue;
      }
      if (c === '\n') {
        this.atFieldStart = true;
      } else if (text.startsWith(this.delimiter, i)) {
        this.atFieldStart = true;
        i += this.delimiter.length - 1;
      } else if (c === '"' && this.atFieldStart) {
        this.quoted = true;
        this.openedAt = this.line;
      } else if (!/\s/.test(c)) {
        this.atFieldStart = false;
      }
    }
  }

  /** The line of the quote still open at the end of the text, or undefined when none is. */
  end(): number | undefined {
    if (this.pendingQuote) return undefined; // a quote as the very last character closes the field
    return this.quoted ? this.openedAt : undefined;
  }

  /**
   * Handles a quote at `at` inside a quoted field (`at` may be -1 when the quote ended the
   * previous chunk); returns the index to continue from.
   */
  private afterQuote(text: string, at: number): number {
    const next = text[at + 1];
    if (next === '"') return at + 2; // "" is one quote inside the field
    if (next === undefined || next === '\n' || /\s/.test(next) || text.startsWith(this.delimiter, at + 1)) {
      this.quoted = false;
      this.atFieldStart = false;
    }
    return at + 1;
  }
}
