import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src-main/hosts/cli/main';
import type { Io } from '../src-main/hosts/cli/output';
import { fileWith, tmpDir } from './helpers';

/** Runs the CLI in this process with its output captured, as bin/rum-workbench.mjs would. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { json: argv.includes('--json'), out: (s) => (stdout += s), err: (s) => (stderr += s), isTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Bad input: exit 2, one line on stderr naming the file and the line, no stack trace, nothing stored. */
async function expectBadInput(content: string | Uint8Array, line: number, problem: RegExp, extra: string[] = []) {
  const db = join(tmpDir(), 'wb.db');
  const file = fileWith('log.csv', content);
  const r = await run(['import', file, '--db', db, '--json', ...extra]);
  expect(r.stderr).toBe(r.stderr.trim() + '\n'); // exactly one line
  expect(r.stderr).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(r.stderr).toContain(`${file}, line ${line}: `);
  expect(r.stderr).toMatch(problem);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const list = await run(['datasets', '--db', db, '--json']);
  expect(JSON.parse(list.stdout).datasets).toEqual([]);
}

const HEAD = 'user,item,time\nu1,i1,1500000000\n';

describe('CLI import: the inputs a fuzzer found escaping as exit 1 with a stack trace now exit 2 and name their line', () => {
  it('(a) a quote inside an unquoted field (csv-parse names this one without the CSV_ prefix)', () =>
    expectBadInput(`${HEAD}u2,i"2,1500000001\nu3,i3,1500000002\n`, 3, /quote in the middle of a field/));

  it('(a) the same with --skip-bad-rows is skipped and counted as bad quoting', async () => {
    const db = join(tmpDir(), 'wb.db');
    const r = await run(['import', fileWith('log.csv', `${HEAD}u2,i"2,1500000001\nu3,i3,1500000002\n`), '--db', db, '--json', '--skip-bad-rows']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 2, skipped: { 'bad-quoting': 1 } });
    expect(JSON.parse(r.stdout).skippedExamples).toEqual([expect.objectContaining({ line: 3, reason: 'bad-quoting' })]);
  });

  it('(b) a file that ends in the middle of a UTF-8 character', () =>
    expectBadInput(Buffer.concat([Buffer.from(`${HEAD}u2,i2,1500000001\nu3,caf`), Buffer.from([0xc3])]), 4, /ends in the middle of a UTF-8 character/));

  it('(b) the same after CRLF line ends counts lines as an editor does', () =>
    expectBadInput(Buffer.concat([Buffer.from('user,item,time\r\nu1,i1,1500000000\r\nu2,\u20ac'), Buffer.from([0xe2, 0x82])]), 3, /middle of a UTF-8 character/));

  it('(c) an unknown name in --columns', async () => {
    const r = await run(['import', fileWith('log.csv', 'u1,i1,1500000000\n'), '--db', join(tmpDir(), 'wb.db'), '--columns', 'user,itme,timestamp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --columns "user,itme,timestamp": column 2 "itme" is not one of user, item, rating, timestamp or _\n');
  });

  it('(c) a repeated name in --columns', async () => {
    const r = await run(['import', fileWith('log.csv', 'u1,i1,1500000000\n'), '--db', join(tmpDir(), 'wb.db'), '--columns', 'user,item,user_id']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --columns "user,item,user_id": columns 1 and 3 both name user\n');
  });

  it('(d) an unclosed quote is reported at the line where it opened, not at the end of the file', () =>
    expectBadInput(`${HEAD}u2,"i2,1500000001\nu3,i3,1500000002\nu4,i4,1500000003\nu5,i5,1500000004\n`, 3, /quoted field is opened but never closed/));

  it('(d) the same after a well-formed multi-line quoted field and blank lines', () =>
    expectBadInput(`${HEAD}"u2\nstill u2",i2,1500000001\n\n\nu3,i3,"15000\n`, 7, /quoted field is opened but never closed/));

  it('(d) an unclosed quote that runs into a later quoted field is reported where it opened', () =>
    expectBadInput(`${HEAD}u2,"i2,1500000001\nu3,i3,1500000002\n"u,4",i4,1500000003\n`, 3, /quoted field opened on this line is never closed: it runs on to line 5/));

  it('(d) with --skip-bad-rows an unclosed quote still stops the import at its line: skipping it would swallow the rest', () =>
    expectBadInput(`${HEAD}u2,i2,1500000001\nu3,"i3,1500000002\nu4,i4,1500000003\n`, 4, /never closed; --skip-bad-rows cannot skip it/, ['--skip-bad-rows']));

  it('with --skip-bad-rows a row with two stray quotes is skipped once, and the rows after it are kept', async () => {
    const db = join(tmpDir(), 'wb.db');
    const r = await run(['import', fileWith('log.csv', `${HEAD}u2,i"x"y,1500000001\nu3,i3,1500000002\n`), '--db', db, '--json', '--skip-bad-rows']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 2, skipped: { 'bad-quoting': 1 } });
  });
});

describe('CLI import: a time outside 1970-01-01 to 2100-01-01 (after unit detection) is bad input', () => {
  const range = /outside the accepted range 1970-01-01 to 2100-01-01/;
  it('1e300, which used to import, train and then crash explain with a RangeError', () =>
    expectBadInput(`${HEAD}u2,i2,1e300\n`, 3, /the time "1e300" \(read as unix milliseconds\) is outside the accepted range 1970-01-01 to 2100-01-01/));
  it('a negative time', () => expectBadInput(`${HEAD}u1,i2,1500000000\nu2,i2,-5\n`, 4, /"-5" \(read as unix seconds\)/));
  it('unix seconds past 2100 (99999999999 s is the year 5138)', () => expectBadInput(`${HEAD}u2,i2,99999999999\n`, 3, range));
  it('unix milliseconds past 2100', () => expectBadInput(`${HEAD}u2,i2,4102444800001\n`, 3, range));
  it('an ISO date before 1970', () => expectBadInput(`${HEAD}u2,i2,0001-01-01\n`, 3, /"0001-01-01" \(read as an ISO-8601 date\)/));
  it('in JSON lines too', () =>
    expectBadInput('{"user":"u1","item":"i1","time":1500000000}\n{"user":"u2","item":"i2","time":1e300}\n', 2, range, ['--format', 'jsonl']));
  it('NaN and Infinity are not timestamps at all', async () => {
    await expectBadInput(`${HEAD}u2,i2,NaN\n`, 3, /"NaN" is not a timestamp/);
    await expectBadInput(`${HEAD}u2,i2,Infinity\n`, 3, /"Infinity" is not a timestamp/);
    await expectBadInput(`${HEAD}u2,i2,1e400\n`, 3, /"1e400" is not a timestamp/);
  });

  it('the bounds themselves are accepted: 1970-01-01T00:00:00Z and 2100-01-01T00:00:00Z', async () => {
    const db = join(tmpDir(), 'wb.db');
    const r = await run(['import', fileWith('log.csv', 'user,item,time\nu1,i1,0\nu1,i2,4102444800\nu2,i1,2100-01-01T00:00:00Z\n'), '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ events: 3 });
  });
});
