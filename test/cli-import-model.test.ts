// import-model through the built command line, as an analyst runs it after training elsewhere:
// the export of one model comes back as a new model whose evaluation, explanations and export
// are the workbench's own; a file for another dataset is exit 2 with what differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli';
import { DEMO } from './demo-model';
import { tmpDir } from './helpers';

describe('CLI import-model', () => {
  it('imports an exported model: the same evaluation and explanations; a file that does not fit is exit 2 naming the difference', () => {
    const dir = tmpDir();
    const db = join(dir, 'wb.db');
    const run = (...args: string[]) => {
      const r = cli([...args, '--db', db, '--json']);
      expect(r.code, r.stderr).toBe(0);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of several commands, read field by field
      return r.json() as Record<string, any>;
    };
    const datasetId = run('import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
    const trained = run('train', '--dataset', String(datasetId), '--dim', '8', '--slots', '5', '--epochs', '2').modelId as number;
    const file = join(dir, 'model.json');
    run('export-model', '--model', String(trained), '--out', file);

    const imported = run('import-model', '--dataset', String(datasetId), '--file', file);
    expect(imported.modelId).toBeGreaterThan(trained);
    expect(imported).toMatchObject({ kind: 'rum-item', backend: 'imported', datasetId, imported: { file: 'model.json', reported: null } });

    const evaluated = (id: number) => run('evaluate', '--model', String(id)).metrics;
    expect(evaluated(imported.modelId)).toEqual(evaluated(trained));
    expect(imported.test.metrics).toEqual(evaluated(trained));
    const user = (JSON.parse(readFileSync(file, 'utf8')) as { users: string[] }).users[3];
    const explain = (id: number) => run('explain', '--model', String(id), '--user', user, '--step', '12');
    expect(explain(imported.modelId).recommendations).toEqual(explain(trained).recommendations);
    const models = run('models', '--dataset', String(datasetId)).models as { modelId: number }[];
    expect(models.map((m) => m.modelId)).toContain(imported.modelId);

    // The same file for a dataset it was not trained on: exit 2, what differs, nothing stored.
    const lines = readFileSync(join(DEMO, 'purchases.csv'), 'utf8').split('\n');
    const fewer = join(dir, 'fewer.csv');
    const gone = lines[1].split(',')[0];
    writeFileSync(fewer, lines.filter((l, k) => k === 0 || l.split(',')[0] !== gone).join('\n'));
    const other = run('import', fewer, '--name', 'again').datasetId as number;
    const refused = cli(['import-model', '--dataset', String(other), '--file', file, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/model\.json does not fit dataset \d+ \("again"\) split with minUserEvents 10, trainPercent 70: the file has \d+ users, the split \d+; 1 of the file's users are not in the split: "[^"]+" \(not in the dataset\)/);
    const shapes = JSON.parse(readFileSync(file, 'utf8'));
    shapes.config.dim = 9;
    writeFileSync(file, JSON.stringify(shapes));
    const badShape = cli(['import-model', '--dataset', String(datasetId), '--file', file, '--db', db]);
    expect(badShape.code).toBe(2);
    expect(badShape.stderr).toMatch(/model\.json: itemEmbeddings row 0 has 8 numbers, need 9/);
    expect((run('models').models as unknown[]).length).toBe(models.length);
    const usage = cli(['import-model', '--dataset', String(datasetId), '--db', db]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: rum-workbench import-model --dataset ID --file MODEL\.json/);
  }, 180_000);
});
