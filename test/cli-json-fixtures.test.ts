import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src-main/hosts/cli/main';
import { asBeforeIssue11, demoPlaces, differences, runSteps, steps, type Outcome } from './cli-json-fixtures';
import { REPO, tmpDir } from './helpers';

/**
 * Every command's --json output on the demo, as the code printed it before issue 10's refactor
 * (test/fixtures/cli-json, recorded by test/make-cli-json-fixtures.ts from commit cb8312b),
 * against what the current code prints for the same command lines: numbers equal to 1e-9
 * relative, everything else exactly. Training with --threads 1 and a fixed seed is
 * reproducible bit for bit, so any larger difference is a change in behaviour.
 */
const FIXTURES = join(REPO, 'test/fixtures/cli-json');
const DEMO = join(REPO, 'resources/demo');

const fixtures = new Map<string, Outcome>(
  readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/^\d+-|\.json$/g, ''), JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Outcome]),
);

describe('every command prints what it printed before the refactor (test/fixtures/cli-json)', () => {
  let now: Record<string, Outcome>;
  beforeAll(async () => {
    const dir = tmpDir();
    now = await runSteps(main, join(dir, 'wb.db'), steps(DEMO, dir), demoPlaces(DEMO, dir));
  });

  it('a fixture exists for each pinned command line, and no fixture is left without one', () => {
    expect([...fixtures.keys()].sort()).toEqual(steps(DEMO, '/out').map((s) => s.name).sort());
  });

  for (const step of steps(DEMO, '/out')) {
    it(step.name, () => {
      const expected = fixtures.get(step.name)!;
      expect(differences(expected, now[step.name])).toEqual([]);
    });
  }
});

describe('the comparison itself', () => {
  it('accepts a difference in the last float digits and a key the contract added', () => {
    expect(differences({ a: 0.1 + 0.2, b: [1, 'x'] }, { a: 0.3, b: [1, 'x'], added: true })).toEqual([]);
  });

  it('names a number off by more than 1e-9 relative, a changed string, a dropped key and a changed length', () => {
    expect(differences({ m: { hr: 0.35 } }, { m: { hr: 0.35 * (1 + 1e-8) } })).toEqual([expect.stringMatching(/^\.m\.hr: expected 0\.35/)]);
    expect(differences({ reason: 'a' }, { reason: 'b' })).toEqual(['.reason: expected "a", got "b"']);
    expect(differences({ users: 400, items: 1 }, { users: 400 })).toEqual(['.items: missing']);
    expect(differences([[1, 2]], [[1]])).toEqual(['[0]: expected 2 entries, got 1']);
  });

  it('reads a reason as it was printed before issue 11 (no "−0.00" since), and nothing else', () => {
    const old = 'the intrinsic part is 0.07 of the logit 0.07, the recent purchases add −0.00.';
    expect(asBeforeIssue11(old.replace('−0.00', '−0.0012'))).toBe(old);
    expect(asBeforeIssue11(old.replace('−0.00', '0.0050'))).toBe(old.replace('−0.00', '0.00'));
    expect(asBeforeIssue11(old.replace('−0.00', '0'))).toBe(old.replace('−0.00', '0.00'));
    expect(asBeforeIssue11(old.replace('−0.00', '−0.01'))).not.toBe(old);
    expect(asBeforeIssue11(old.replace('logit 0.07', 'logit 0.08'))).not.toBe(old);
  });

  it('compares CSV cells that are numbers as numbers, and any other cell exactly', () => {
    expect(differences([['0.30000000000000004', 'p015']], [['0.3', 'p015']])).toEqual([]);
    expect(differences([['0.3', 'p015']], [['0.31', 'p015']])).toHaveLength(1);
    expect(differences([['0.3', 'p015']], [['0.3', 'p15']])).toHaveLength(1);
  });

  it('lets the backend be whichever tfjs backend loaded on this machine, and nothing else', () => {
    expect(differences({ backend: 'wasm' }, { backend: 'tensorflow' })).toEqual([]);
    expect(differences({ backend: 'wasm' }, { backend: 'webgl' })).toHaveLength(1);
  });
});
