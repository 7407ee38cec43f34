// Where a JSON text first breaks the grammar, as a line and column. Node 20's JSON.parse says what
// was unexpected but not where in a long file ("Unexpected token ']', ..." with a snippet), and a
// model file is megabytes on a few lines: an error has to point at the place. This walks the text
// by RFC 8259 once, only after JSON.parse has already refused it.

export interface JsonWhere {
  line: number;
  column: number;
  problem: string;
}

/** The first place `text` is not JSON, or null when it is. */
export function jsonErrorWhere(text: string): JsonWhere | null {
  let i = 0;
  const fail = (problem: string): never => {
    throw Object.assign(new Error(problem), { at: i });
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a "quoted" key');
        string();
        ws();
        if (text[i] !== ':') fail('expected ":" after a key');
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail('expected "," or "}" in an object');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail('expected "," or "]" in an array');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    fail(i >= text.length ? 'the text ends where a value should be' : `unexpected ${JSON.stringify(c)} where a value should be`);
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail('a control character inside a string');
      if (text[i] === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a bad \\u escape');
          i += 6;
          continue;
        }
        if (!e || !'"\\/bfnrt'.includes(e)) fail('a bad escape');
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= text.length) fail('a string is not closed');
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('a malformed number');
    i += m![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail('more text after the JSON value');
    return null;
  } catch (e) {
    const at = (e as { at?: number }).at;
    if (at === undefined) return null; // the walk itself failed (nesting past the stack): no place to name
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return { line, column: at - before.lastIndexOf('\n'), problem: (e as Error).message };
  }
}
