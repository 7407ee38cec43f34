import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src-main/hosts/cli/main';
import { openDb } from '../src-main/store/db';
import { cli } from './cli';
import { DEMO } from './demo-model';
import { tmpDir } from './helpers';

type Listed = { modelId: number; datasetId: number; model: string; config: { seed: number }; metrics: Record<string, number>; created: string };

describe('CLI: models, delete-model, delete-dataset, rename-dataset on a real store', () => {
  it('lists every model, retrains under a new id, never reuses an id, and deletes a dataset with its models', () => {
    const db = join(tmpDir(), 'wb.db');
    const run = (...args: string[]) => {
      const r = cli([...args, '--db', db, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return r.json();
    };
    const datasetId = run('import', join(DEMO, 'purchases.csv')).datasetId as number;
    // pop trains in well under a second, which keeps this end-to-end test short.
    const first = run('train', '--dataset', String(datasetId), '--model', 'pop').modelId as number;
    const forced = run('train', '--dataset', String(datasetId), '--model', 'pop', '--force').modelId as number;
    expect(forced).toBeGreaterThan(first); // a retrain is a new model; the old one stays

    const { models } = run('models', '--dataset', String(datasetId)) as { models: Listed[] };
    expect(models.map((m) => m.modelId)).toEqual([first, forced]);
    for (const m of models) {
      expect(m).toMatchObject({ datasetId, model: 'pop', config: { seed: 1 } });
      expect(Object.keys(m.metrics).sort()).toEqual(['f1', 'hr', 'ndcg', 'precision', 'recall']);
      expect(new Date(m.created).toISOString()).toBe(m.created);
    }

    expect(run('delete-model', '--model', String(forced))).toEqual({ deleted: { modelId: forced, datasetId, model: 'pop' } });
    // The deleted id is the highest there was: plain SQLite would hand it out again.
    const retrained = run('train', '--dataset', String(datasetId), '--model', 'pop', '--force').modelId as number;
    expect(retrained).toBeGreaterThan(forced);

    expect(run('rename-dataset', '--dataset', String(datasetId), '--name', '  Demo, renamed ')).toEqual({ datasetId, name: 'Demo, renamed' });
    expect(run('datasets').datasets).toMatchObject([{ datasetId, name: 'Demo, renamed' }]);

    const gone = cli(['delete-dataset', '--dataset', String(datasetId), '--db', db]);
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toMatch(new RegExp(`deleted dataset ${datasetId} \\("Demo, renamed", 10185 events\\) and its 2 models: ${first}, ${retrained}`));
    const store = openDb(db);
    expect(store.prepare('SELECT count(*) FROM models').pluck().get()).toBe(0);
    expect(store.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    store.close();
    // The same file again is a new dataset under a new id, not the deleted one's.
    expect(run('import', join(DEMO, 'purchases.csv')).datasetId).toBeGreaterThan(datasetId);
  }, 180_000);

  it('answers unknown ids and bad names with exit 2 and a clear message', async () => {
    const db = join(tmpDir(), 'empty.db');
    const cases: [string[], RegExp][] = [
      [['delete-model', '--model', '41'], /no model 41/],
      [['delete-dataset', '--dataset', '42'], /no dataset 42/],
      [['rename-dataset', '--dataset', '43', '--name', 'x'], /no dataset 43/],
      [['rename-dataset', '--dataset', '43', '--name', '  '], /name cannot be empty/],
      [['models', '--dataset', '44'], /no dataset 44/],
      [['delete-model'], /usage: rum-workbench delete-model --model ID/],
    ];
    for (const [args, message] of cases) {
      // The CLI's own entry point in this process (the bin only adds tsx): a spawn each costs seconds here.
      let out = '';
      let err = '';
      const code = await main([...args, '--db', db, '--json'], { json: true, isTTY: false, out: (s) => (out += s), err: (s) => (err += s) });
      expect(code, args.join(' ')).toBe(2);
      expect(err).toMatch(message);
      expect(err).not.toMatch(/\n\s+at /); // no stack trace
      expect(out).toBe('');
    }
  });
});
