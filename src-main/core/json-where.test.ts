import { describe, expect, it } from 'vitest';
import { jsonErrorWhere } from './json-where';

describe('jsonErrorWhere', () => {
  it('is null for JSON, as JSON.parse agrees', () => {
    for (const t of ['{}', '[]', ' {"a": [1, -2.5e3, "x\\u00e9\\n", true, false, null]} ', '0', '"s"']) {
      expect(() => JSON.parse(t)).not.toThrow();
      expect(jsonErrorWhere(t), t).toBeNull();
    }
  });

  it('names the line and column of the first fault, wherever JSON.parse also refuses', () => {
    const cases: [string, number, number, RegExp][] = [
      ['{"a": [1, 2,]}', 1, 13, /value/],
      ['{\n  "a": 1,\n  "b" 2\n}', 3, 7, /":"/],
      ['{"a": 01}', 1, 8, /"," or "}"/],
      ['[1, 2', 1, 6, /"," or "]"/],
      ['{"a": "open', 1, 12, /not closed/],
      ['{"a": "\\x"}', 1, 8, /escape/],
      ['[1] x', 1, 5, /more text/],
      ['', 1, 1, /ends/],
      ["{'a': 1}", 1, 2, /quoted/],
    ];
    for (const [text, line, column, problem] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      const w = jsonErrorWhere(text);
      expect(w, text).toMatchObject({ line, column });
      expect(w!.problem, text).toMatch(problem);
    }
  });
});
