import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

test('renames and deletes datasets and models, each deletion after a confirmation that says what goes', async ({ page, workbench }) => {
  const db = workbench.db;
  const demo = cli(db, 'import', join(DEMO, 'purchases.csv'), '--name', 'Demo').datasetId as number;
  const small = join(workbench.dir, 'small.csv');
  writeFileSync(small, 'user,item,timestamp\nu1,i1,1500000000\nu1,i2,1500000100\n');
  cli(db, 'import', small, '--name', 'Small');
  const first = cli(db, 'train', '--dataset', String(demo), '--model', 'pop').modelId as number;
  const second = cli(db, 'train', '--dataset', String(demo), '--model', 'pop', '--force').modelId as number;

  await workbench.open(page);
  await page.getByRole('tab', { name: 'Datasets' }).click();
  await page.getByRole('button', { name: 'Open dataset Demo' }).click();
  await page.getByRole('tab', { name: 'Models' }).click();
  const modelRows = page.getByRole('table', { name: 'Models and their test metrics' }).locator('tbody tr');
  await expect(modelRows).toHaveCount(2);
  await page.getByRole('button', { name: `Delete model ${second}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete model?' });
  await expect(dialog.getByTestId('confirm-what')).toContainText(`model #${second} (MostPopular`);
  await dialog.getByRole('button', { name: 'Delete model' }).click();
  await expect(dialog).toBeHidden();
  await expect(modelRows).toHaveCount(1);
  expect((cli(db, 'models').models as { modelId: number }[]).map((m) => m.modelId)).toEqual([first]);

  await page.getByRole('tab', { name: 'Datasets' }).click();
  await page.getByRole('button', { name: 'Rename dataset Small' }).click();
  await page.getByLabel('New name for dataset Small').fill('Tiny log');
  await page.getByLabel('New name for dataset Small').press('Enter');
  const datasetRows = page.getByRole('table', { name: 'Datasets' }).locator('tbody tr');
  await expect(datasetRows.filter({ hasText: 'Tiny log' })).toHaveCount(1);
  expect(cli(db, 'datasets').datasets).toMatchObject([{ name: 'Demo' }, { name: 'Tiny log' }]);

  // Cancel first: nothing happens. Then confirm: the dataset and its model go.
  await page.getByRole('button', { name: 'Delete dataset Demo' }).click();
  const ask = page.getByRole('dialog', { name: 'Delete dataset?' });
  await expect(ask.getByTestId('confirm-what')).toHaveText(`This deletes dataset “Demo” (10,185 events) and its 1 model (#${first}).`);
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(datasetRows).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete dataset Demo' }).click();
  await ask.getByRole('button', { name: 'Delete dataset' }).click();
  await expect(ask).toBeHidden();
  await expect(datasetRows).toHaveCount(1);
  await expect(datasetRows).toContainText('Tiny log');
  expect(cli(db, 'datasets').datasets).toMatchObject([{ name: 'Tiny log' }]);
  expect(cli(db, 'models').models).toEqual([]);
});
