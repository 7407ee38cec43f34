import { describe, expect, it } from 'vitest';
import { renameUploads } from './upload-names';

describe('renameUploads', () => {
  const id = 'bb592cdc3981333cb6944d760949b190';
  it('replaces the temporary path in the message and the file', () => {
    const e = { kind: 'input' as const, message: `/tmp/rum-web-x/uploads/${id}, line 4: "x" is not a timestamp`, file: `/tmp/rum-web-x/uploads/${id}`, line: 4 };
    expect(renameUploads(e, new Map([[id, 'bad.csv']]))).toEqual({ kind: 'input', message: 'bad.csv, line 4: "x" is not a timestamp', file: 'bad.csv', line: 4 });
  });
  it('leaves other errors alone', () => {
    const e = { kind: 'input' as const, message: 'nope', file: 'a.csv' };
    expect(renameUploads(e, new Map([[id, 'bad.csv']]))).toEqual(e);
  });
});
