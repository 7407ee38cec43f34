// `rum-workbench slices`, `report --global` and `whatif` as a user runs them: the installed bin on a real
// store file. The slices' numbers are held by slices.test.ts; here the commands' JSON, that the
// model report carries the engine's figures (influences, slices) and escapes what it shows, and
// the refusals (exit 2).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli';
import { DEMO } from './demo-model';

describe('CLI: slices and the model report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rum-cli-slices-'));
  const db = join(dir, 'store.db');
  const run = (...args: string[]) => cli([...args, '--db', db, '--json']);
  const ok = (...args: string[]) => {
    const r = run(...args);
    expect(r.code, r.stderr).toBe(0);
    return r.json();
  };
  let rum = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    // Every title with markup in it, as a hostile catalogue would have: whatever the report shows is escaped.
    const [header, ...rows] = readFileSync(join(DEMO, 'items.csv'), 'utf8').trim().split('\n');
    const hostile = rows.map((l) => {
      const [id, title, ...rest] = l.split(',');
      return [id, `"<script>alert(1)</script> ${title}"`, ...rest].join(',');
    });
    writeFileSync(join(dir, 'items.csv'), [header, ...hostile].join('\n'));
    const datasetId = String(ok('import', join(DEMO, 'purchases.csv'), '--items', join(dir, 'items.csv')).datasetId);
    rum = String(ok('train', '--dataset', datasetId, '--dim', '8', '--slots', '4', '--epochs', '2').modelId);
  }, 120_000);

  it('slices by purchases: every user in one slice, each with metrics, trust and influences', () => {
    const out = ok('slices', '--model', rum, '--by', 'length', '--bins', '2') as { by: string; n: number; slices: { name: string; users: number; metrics: { hr: number }; trust: { top1Agreement: number }; influences: { pairs: unknown[] } }[] };
    expect(out.by).toBe('length');
    expect(out.slices).toHaveLength(2);
    expect(out.slices[0].users + out.slices[1].users).toBe(400);
    for (const s of out.slices) {
      expect(s.name).toMatch(/purchases$/);
      expect(s.metrics.hr).toBeGreaterThanOrEqual(0);
      expect(s.influences.pairs.length).toBeGreaterThan(0);
    }
    const human = cli(['slices', '--model', rum, '--by', 'hit', '--db', db]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('hit in the test (HR@N = 1)');
  });

  it('refuses a bad rule, a missing item and an unknown item with exit 2', () => {
    expect(run('slices', '--model', rum, '--by', 'colour').code).toBe(2);
    const noItem = run('slices', '--model', rum, '--by', 'item');
    expect(noItem.code).toBe(2);
    expect(noItem.stderr).toContain('--by item needs --item');
    const unknown = run('slices', '--model', rum, '--by', 'item', '--item', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('item "nope" is not in model');
  });

  it('writes the model report as HTML and JSON with the same influences, every title escaped', () => {
    const html = join(dir, 'model.html');
    const json = join(dir, 'model.json');
    expect(ok('report', '--model', rum, '--global', '--format', 'html', '--out', html).bytes).toBeGreaterThan(1000);
    ok('report', '--model', rum, '--global', '--format', 'json', '--out', json);
    const data = JSON.parse(readFileSync(json, 'utf8')) as { influences: { pairs: { from: string; to: string; weight: number }[] }; slices: { by: string }[]; trust: { top1Agreement: number } };
    const page = readFileSync(html, 'utf8');
    expect(data.slices.map((s) => s.by)).toEqual(['length', 'hit', 'first-date']);
    // The map is the CLI's own.
    const map = ok('influences', '--model', rum, '--top', '30') as { pairs: { from: string; to: string; weight: number }[] };
    expect(data.influences.pairs.map((p) => [p.from, p.to])).toEqual(map.pairs.map((p) => [p.from, p.to]));
    for (const p of data.influences.pairs.slice(0, 3)) expect(page).toContain(`(${p.from})`);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain("Content-Security-Policy");
  });

  it('refuses --user with --global, csv for a model report, and steps without a user', () => {
    expect(run('report', '--model', rum, '--global', '--user', 'u1', '--format', 'html', '--out', join(dir, 'x.html')).code).toBe(2);
    const csv = run('report', '--model', rum, '--global', '--format', 'csv', '--out', join(dir, 'x.csv'));
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('the model report is html, pdf or json');
    expect(run('report', '--model', rum, '--global', '--format', 'html', '--steps', 'all', '--out', join(dir, 'x.html')).code).toBe(2);
  });
});

describe('CLI: whatif', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rum-cli-whatif-'));
  const db = join(dir, 'store.db');
  const run = (...args: string[]) => cli([...args, '--db', db, '--json']);
  let rum = '';
  let user = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    const datasetId = String(run('import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).json().datasetId);
    rum = String(run('train', '--dataset', datasetId, '--dim', '8', '--slots', '4', '--epochs', '3').json().modelId);
    user = readFileSync(join(DEMO, 'purchases.csv'), 'utf8').split('\n')[1].split(',')[0];
  }, 120_000);

  it('prints before, after and each rank move for removals, a move and an insert, with the contract keys', () => {
    const r = run('whatif', '--model', rum, '--user', user, '--step', '6', '--remove', '5', '--remove', '1', '--move', '0@6', '--insert', 'p001@2', '--top', '5');
    expect(r.code, r.stderr).toBe(0);
    const out = r.json() as { user: string; step: number; edits: unknown[]; before: { step: number; memory: { item: string }[] }; after: { step: number; memory: unknown[] }; moves: { item: string; rankBefore: number; rankAfter: number }[] };
    expect(Object.keys(out)).toEqual(['user', 'step', 'edits', 'before', 'after', 'moves']);
    expect(out.edits).toEqual([{ remove: 5 }, { remove: 1 }, { move: 0, to: 6 }, { insert: 'p001', at: 2 }]);
    expect(out.before.step).toBe(6);
    expect(out.after.step).toBe(5);
    expect(out.moves.length).toBeGreaterThanOrEqual(5);
  });

  it('names the minimal set for a recommended item, and refuses bad edits with exit 2', () => {
    const base = run('explain', '--model', rum, '--user', user, '--step', '8').json() as { recommendations: { item: string }[] };
    const r = run('whatif', '--model', rum, '--user', user, '--step', '8', '--minimal', base.recommendations[0].item);
    expect(r.code, r.stderr).toBe(0);
    const minimal = (r.json() as { minimal: { method: string; purchases: { step: number; realStep: number | null }[] | null } }).minimal;
    expect(minimal.method).toMatch(/smallest first/);
    for (const p of minimal.purchases ?? []) expect(p.realStep).toBe(p.step);
    const bad = run('whatif', '--model', rum, '--user', user, '--step', '6', '--remove', '6');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--remove 6: step 6 is not a purchase before step 6');
    expect(run('whatif', '--model', rum, '--user', user, '--step', '6', '--insert', 'no-such@0').code).toBe(2);
    const form = run('whatif', '--model', rum, '--user', user, '--step', '6', '--move', '3');
    expect(form.code).toBe(2);
    expect(form.stderr).toContain('--move takes FROM@TO');
    // A position past the step (an insert after T), a purchase removed twice, a step past the timeline: each named.
    for (const [args, message] of [
      [['--insert', 'p001@7'], '--insert p001@7: position 7 is outside 0 to 6'],
      [['--remove', '2', '--remove', '2'], '--remove 2: that purchase is removed twice'],
      [['--remove', '2', '--move', '2@4'], '--move 2@4: the purchase at step 2 is removed'],
      [['--step', '100000'], 'step must be between 0 and'],
    ] as const) {
      const r = run('whatif', '--model', rum, '--user', user, ...(args[0] === '--step' ? [] : ['--step', '6']), ...args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});
