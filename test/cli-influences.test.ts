// `rum-workbench influences` as a user runs it: the installed bin on a real store file, the demo's
// CSV files imported from disk. The map's content on the demo is held by influences-demo.test.ts;
// here, the command's JSON, its flags and its refusals (exit 2).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli';
import { DEMO } from './demo-model';

type Pair = { from: string; fromTitle: string | null; to: string; toTitle: string | null; weight: number; steps: number };

describe('CLI: influences', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rum-cli-influences-'));
  const db = join(dir, 'store.db');
  const run = (...args: string[]) => cli([...args, '--db', db, '--json']);
  const ok = (...args: string[]) => {
    const r = run(...args);
    expect(r.code, r.stderr).toBe(0);
    return r.json();
  };
  let rum = '';
  let datasetId = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    datasetId = String(ok('import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId);
    rum = String(ok('train', '--dataset', datasetId, '--dim', '8', '--slots', '4', '--epochs', '2').modelId);
  });

  it('prints one JSON object: the strongest pairs first, items by their ids and titles, with what was summed', () => {
    const out = ok('influences', '--model', rum, '--top', '5');
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['modelId', 'model', 'by', 'part', 'slots', 'users', 'eligibleUsers', 'steps', 'eligibleSteps', 'sampled', 'seed', 'pairs', 'totalPairs', 'note', 'seconds', 'cached']),
    );
    expect(out).toMatchObject({ modelId: Number(rum), model: 'rum-item', by: 'shapley', part: 'train', slots: 4, users: 400, sampled: false, seed: null });
    const pairs = out.pairs as Pair[];
    expect(pairs).toHaveLength(5);
    for (const p of pairs) {
      expect(Object.keys(p).sort()).toEqual(['from', 'fromTitle', 'steps', 'to', 'toTitle', 'weight']);
      expect(p.from).toMatch(/^p\d{3}$/);
      expect(typeof p.toTitle).toBe('string');
      expect(Number.isInteger(p.steps) && p.steps >= 1).toBe(true);
    }
    for (let k = 1; k < pairs.length; k++) expect(pairs[k].weight).toBeLessThanOrEqual(pairs[k - 1].weight);
    expect(out.note).toMatch(/Shapley value/);

    // The human summary names the pairs by title.
    const human = cli(['influences', '--model', rum, '--top', '3', '--db', db]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`${pairs[0].fromTitle} (${pairs[0].from}) -> ${pairs[0].toTitle} (${pairs[0].to})`);
  });

  it('sums attention with --by attention, over whole timelines with --part all, and samples with --users', () => {
    const att = ok('influences', '--model', rum, '--by', 'attention', '--part', 'all', '--top', '3');
    expect(att).toMatchObject({ by: 'attention', part: 'all' });
    for (const p of att.pairs as Pair[]) expect(p.weight).toBeLessThanOrEqual(p.steps);
    const some = ok('influences', '--model', rum, '--users', '25', '--seed', '3', '--top', '3');
    expect(some).toMatchObject({ users: 25, eligibleUsers: 400, sampled: true, seed: 3 });
  });

  it('refuses a model whose memory holds no purchases with exit 2, naming the kind and why', () => {
    const pop = String(ok('train', '--dataset', datasetId, '--model', 'pop').modelId);
    const noMemory = run('influences', '--model', pop);
    expect(noMemory.code).toBe(2);
    expect(noMemory.stdout).toBe('');
    expect(noMemory.stderr).toMatch(/model \d+ is MostPopular: it has no memory of earlier purchases/);
    const feature = String(ok('train', '--dataset', datasetId, '--model', 'rum-feature', '--dim', '4', '--slots', '2', '--epochs', '1').modelId);
    const latent = run('influences', '--model', feature, '--by', 'attention');
    expect(latent.code).toBe(2);
    expect(latent.stderr).toMatch(/is Feature-level RUM: its memory holds latent feature slots, not earlier purchases/);
  });

  it('maps SASRec by attention over the purchases it reads, and refuses its Shapley values (its logit has no parts)', () => {
    const sasrec = String(ok('train', '--dataset', datasetId, '--model', 'sasrec', '--dim', '16', '--epochs', '1').modelId);
    const shapley = run('influences', '--model', sasrec);
    expect(shapley.code).toBe(2);
    expect(shapley.stderr).toMatch(/is SASRec: its logit does not split over its purchases, so there are no Shapley values to sum: map it by attention \(--by attention\)/);
    const att = ok('influences', '--model', sasrec, '--by', 'attention', '--top', '3');
    expect(att).toMatchObject({ model: 'sasrec', by: 'attention', users: 400, sampled: false });
    for (const p of att.pairs as Pair[]) expect(p.weight).toBeLessThanOrEqual(p.steps);
  });

  it('refuses bad flags and unknown models with exit 2', () => {
    const bad = (args: string[], message: RegExp) => {
      const r = run('influences', ...args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    };
    bad(['--model', rum, '--by', 'share'], /--by must be shapley or attention, got "share"/);
    bad(['--model', rum, '--part', 'test'], /--part must be train or all/);
    bad(['--model', rum, '--top', '0'], /--top must be a whole number from 1 to 1000/);
    bad(['--model', rum, '--users', 'some'], /--users must be a whole number/);
    bad(['--model', '999'], /no model 999/);
    bad([], /usage: rum-workbench influences --model ID/);
  });
});
