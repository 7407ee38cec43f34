import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

test('attention trust is measured from the models table, and equals the figure in the report', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', join(DEMO, 'purchases.csv'), '--name', 'Demo').datasetId as number;
  const modelId = cli(db, 'train', '--dataset', String(datasetId), '--dim', '8', '--slots', '4', '--epochs', '2').modelId as number;
  const out = join(workbench.dir, 'r.json');
  // Any user will do: the trust figure is the model's, the same in every report.
  const user = readFileSync(join(DEMO, 'purchases.csv'), 'utf8').split('\n')[1].split(',')[0];
  cli(db, 'report', '--model', String(modelId), '--user', user, '--format', 'json', '--out', out);
  const trust = (JSON.parse(readFileSync(out, 'utf8')) as { summary: { trust: { top1Agreement: number; meanKendallTau: number } } }).summary.trust;

  await workbench.open(page);
  await page.getByRole('tab', { name: 'Models' }).click();
  const panel = page.getByTestId('model-trust');
  await expect(panel).toContainText(`Model #${modelId}`);
  await panel.getByRole('button', { name: 'Measure for this model' }).click();
  await expect(panel.getByTestId('trust-top1')).toHaveAttribute('data-value', String(trust.top1Agreement));
  await expect(panel.getByTestId('trust-tau')).toHaveAttribute('data-value', String(trust.meanKendallTau));
  // The same figure, kept by the service, shows in the timeline view without measuring again.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByTestId('attention-trust').getByTestId('trust-top1')).toHaveAttribute('data-value', String(trust.top1Agreement));
});
