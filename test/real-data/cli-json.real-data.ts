import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/hosts/cli/main';
import { differences, runSteps, type Outcome } from '../cli-json-fixtures';
import { AMAZON_FOLDER, amazonPlaces, amazonSteps } from './amazon-steps';
import { realData } from './data';

/**
 * Every pinned command's --json output on the Amazon file, as the code printed it before issue
 * 10's refactor (test/real-data/fixtures/amazon), against the current code: numbers to 1e-9
 * relative, everything else exactly (ids, titles and times compared through their hashes).
 */
const FIXTURES = resolve(import.meta.dirname, 'fixtures/amazon');
const fixtures = new Map<string, Outcome>(
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/^\d+-|\.json$/g, ''), JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Outcome]),
);

describe('on the Amazon file every command prints what it printed before the refactor', () => {
  const out = mkdtempSync(join(tmpdir(), 'rum-real-cli-'));
  let now: Record<string, Outcome>;
  beforeAll(async () => {
    const folder = realData(AMAZON_FOLDER);
    now = await runSteps(main, join(out, 'wb.db'), amazonSteps(folder, out), amazonPlaces(folder, out));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('a fixture for each pinned command line, and none left over', () => {
    expect([...fixtures.keys()].sort()).toEqual(Object.keys(now).sort());
  });

  for (const name of fixtures.keys()) {
    it(name, () => {
      expect(differences(fixtures.get(name), now[name])).toEqual([]);
    });
  }
});
