import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

test('a model trained elsewhere imported from the models view: evaluated as the CLI evaluates it, listed, and a file that does not fit refused with what differs', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  const trained = cli(db, 'train', '--dataset', String(datasetId), '--dim', '8', '--slots', '4', '--epochs', '2').modelId as number;
  const file = join(workbench.dir, 'trained-elsewhere.json');
  cli(db, 'export-model', '--model', String(trained), '--out', file);

  await workbench.open(page);
  await page.getByRole('tab', { name: 'Models' }).click();
  const card = page.getByTestId('import-model');
  await card.getByLabel('Model file (.json)').setInputFiles(file);
  await card.getByRole('button', { name: 'Import model' }).click();
  const done = card.getByTestId('imported-model');
  await expect(done).toBeVisible({ timeout: 60_000 });
  const modelId = Number(await done.getAttribute('data-model-id'));
  expect(modelId).toBeGreaterThan(trained);
  const evaluated = cli(db, 'evaluate', '--model', String(modelId)) as { metrics: { hr: number } };
  expect(Number(await done.getAttribute('data-hr'))).toBe(evaluated.metrics.hr);
  expect(evaluated.metrics).toEqual((cli(db, 'evaluate', '--model', String(trained)) as { metrics: unknown }).metrics);
  // The models table lists it (any finished job refreshes the lists).
  await expect(page.getByRole('table').first()).toContainText(`${modelId}`);

  // A file whose users are not this dataset's: the error names the file the analyst picked and what differs.
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { users: string[] };
  doc.users[0] = 'nobody-here';
  const bad = join(workbench.dir, 'other-dataset.json');
  writeFileSync(bad, JSON.stringify(doc));
  await card.getByLabel('Model file (.json)').setInputFiles(bad);
  await card.getByRole('button', { name: 'Import model' }).click();
  await expect(card).toContainText('other-dataset.json does not fit dataset', { timeout: 60_000 });
  await expect(card).toContainText('"nobody-here" (not in the dataset)');
  expect((cli(db, 'models') as { models: unknown[] }).models).toHaveLength(2);
});
