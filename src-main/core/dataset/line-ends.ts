/**
 * Turns CRLF and a lone CR into LF, chunk by chunk. A lone CR is a line break to an editor
 * (and to old Mac exports), and csv-parse counts it as one while not splitting records on it,
 * so its line numbers drifted from what the analyst sees. After this, every line ends in LF:
 * records, line numbers and the JSON-lines reader all agree on what a line is.
 */
export class LineEndNormaliser {
  /** The previous chunk ended in CR: a LF starting the next chunk belongs to it. */
  private pendingCr = false;

  push(text: string): string {
    let s = text;
    if (this.pendingCr && s.charCodeAt(0) === 10) s = s.slice(1);
    this.pendingCr = s.charCodeAt(s.length - 1) === 13;
    return s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
  }
}
