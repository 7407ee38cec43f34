import { describe, expect, it } from 'vitest';
import { LineEndNormaliser } from './line-ends';
import { OpenQuoteFinder } from './open-quote';

/** Feeds text cut into every pair of chunk sizes, so a chunk boundary can fall anywhere. */
function openLineAllCuts(text: string, delimiter = ',', startLine = 1): Set<number | undefined> {
  const found = new Set<number | undefined>();
  for (let cut = 1; cut <= text.length; cut++) {
    const f = new OpenQuoteFinder(delimiter, startLine);
    for (let i = 0; i < text.length; i += cut) f.feed(text.slice(i, i + cut));
    found.add(f.end());
  }
  return found;
}

describe('OpenQuoteFinder: the line where a never-closed quote opened', () => {
  it('finds it wherever the chunks are cut', () => {
    expect(openLineAllCuts('a,b\nc,"d\ne,f\n')).toEqual(new Set([2]));
  });
  it('passes over closed quotes, doubled quotes and quoted line breaks', () => {
    expect(openLineAllCuts('"a ""x"" b",c\n"multi\nline",d\ne,"open ""still\n\nz')).toEqual(new Set([4]));
  });
  it('treats a quote inside an unquoted field as a plain character, as csv-parse does', () => {
    expect(openLineAllCuts('u1,i"1,5\nu2,i2,5\n')).toEqual(new Set([undefined]));
  });
  it('a quote closed by the end of the text is closed', () => {
    expect(openLineAllCuts('a,"b"')).toEqual(new Set([undefined]));
  });
  it('a quote followed by other text inside a quoted field does not close it', () => {
    expect(openLineAllCuts('a,"b"c\nd\n')).toEqual(new Set([1]));
  });
  it('opens after leading spaces (trim) and after a two-character delimiter', () => {
    expect(openLineAllCuts('a::b\nc:: "d\n', '::')).toEqual(new Set([2]));
  });
  it('counts from the line it is told the text starts on', () => {
    expect(openLineAllCuts('x,"y\n', ',', 41)).toEqual(new Set([41]));
  });
});

describe('LineEndNormaliser: CR, LF and CRLF all become one LF', () => {
  it('wherever the chunks are cut, including between CR and LF', () => {
    const text = 'a\r\nb\rc\n\r\nd\r';
    for (let cut = 1; cut <= text.length; cut++) {
      const n = new LineEndNormaliser();
      let out = '';
      for (let i = 0; i < text.length; i += cut) out += n.push(text.slice(i, i + cut));
      expect(out).toBe('a\nb\nc\n\nd\n');
    }
  });
});
