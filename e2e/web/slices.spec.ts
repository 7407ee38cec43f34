import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

test('slices of users and the model report from the models view, the numbers the CLI gives', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  const modelId = cli(db, 'train', '--dataset', String(datasetId), '--dim', '8', '--slots', '4', '--epochs', '2').modelId as number;
  const want = cli(db, 'slices', '--model', String(modelId), '--by', 'length', '--bins', '2') as { slices: { name: string; users: number; metrics: { hr: number } }[] };

  await workbench.open(page);
  await page.getByRole('tab', { name: 'Models' }).click();
  const slices = page.getByTestId('slices');
  await expect(slices).toContainText(`model #${modelId}`);
  await slices.getByLabel('groups').fill('2');
  await slices.getByRole('button', { name: 'Compare slices' }).click();
  const rows = slices.getByTestId('slice-row');
  await expect(rows).toHaveCount(2, { timeout: 60_000 });
  const got = await rows.evaluateAll((els) => els.map((e) => [e.children[0].textContent, Number(e.getAttribute('data-users')), Number(e.getAttribute('data-hr'))]));
  expect(got).toEqual(want.slices.map((s) => [s.name, s.users, s.metrics.hr]));

  // The model report: downloaded from the web host, holding the CLI's strongest influence.
  const map = cli(db, 'influences', '--model', String(modelId), '--top', '1') as { pairs: { from: string; to: string }[] };
  const report = page.getByTestId('model-report');
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: /Export what model/ }).click();
  const file = await (await download).path();
  const html = readFileSync(file, 'utf8');
  expect(html).toContain('What model');
  expect(html).toContain(`(${map.pairs[0].from})`);
  expect(html).toContain(`(${map.pairs[0].to})`);
});
