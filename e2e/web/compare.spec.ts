import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

test('two models side by side: each top list is the model’s own, the differing items are marked and explained', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  const rum = cli(db, 'train', '--dataset', String(datasetId), '--slots', '5', '--dim', '16', '--epochs', '5').modelId as number;
  const pop = cli(db, 'train', '--dataset', String(datasetId), '--model', 'pop').modelId as number;
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const view = page.getByTestId('step-view');
  await expect(view).toHaveAttribute('data-ready', 'true');
  const user = (await view.getAttribute('data-user'))!;
  const step = (await view.getAttribute('data-step'))!;
  const ex = cli(db, 'explain', '--model', String(rum), '--user', user, '--step', step) as { recommendations: { item: string }[] };

  await page.getByLabel('Model to compare with').selectOption(String(pop));
  const a = page.getByTestId(`compare-side-${rum}`);
  const b = page.getByTestId(`compare-side-${pop}`);
  await expect(a.locator('li[data-item]')).toHaveCount(5);
  expect(await a.locator('.compare-top li').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')))).toEqual(ex.recommendations.map((r) => r.item));
  await expect(b).toContainText('MostPopular has no memory');
  // The picker does not offer MostPopular, and says so and where it still shows.
  await expect(page.getByTestId('not-explainable')).toContainText('Not offered here: MostPopular');
  // Items in one list only are marked, and each has a row saying what both models make of it.
  const only = await page.locator('.compare-top li.only').count();
  if (only > 0) await expect(page.getByTestId('compare-differing').locator('tbody tr')).toHaveCount(only);
  // Stepping moves the comparison with the step.
  await page.keyboard.press('ArrowRight');
  await expect(view).toHaveAttribute('data-step', String(Number(step) + 1));
  await expect(page.getByTestId('compare')).toContainText(`Step ${Number(step) + 1}`);
});

test('a model trained under two seeds shows as mean ± sd of the two runs’ own test metrics', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', join(DEMO, 'purchases.csv')).datasetId as number;
  const runs = [1, 2].map((seed) => cli(db, 'train', '--dataset', String(datasetId), '--dim', '8', '--slots', '4', '--epochs', '2', '--seed', String(seed)) as { modelId: number; metrics: { ndcg: number } });
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Models' }).click();
  const row = page.getByTestId('seed-summary').locator(`tr[data-models="${runs.map((r) => r.modelId).join(',')}"]`);
  const mean = Number(await row.locator('td[data-metric="ndcg"]').getAttribute('data-mean'));
  expect(mean).toBeCloseTo((runs[0].metrics.ndcg + runs[1].metrics.ndcg) / 2, 12);
  await expect(row).toContainText('±');
});

test('feature-level RUM in the timeline: latent features in memory with the model’s attention, and its writes heatmap', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  cli(db, 'train', '--dataset', String(datasetId), '--slots', '4', '--dim', '8', '--epochs', '2');
  const feature = cli(db, 'train', '--dataset', String(datasetId), '--model', 'rum-feature', '--slots', '5', '--dim', '8', '--epochs', '2').modelId as number;
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByLabel('Model', { exact: true }).selectOption(String(feature));
  const view = page.getByTestId('step-view');
  await expect(view).toHaveAttribute('data-ready', 'true');
  const user = (await view.getAttribute('data-user'))!;
  const step = (await view.getAttribute('data-step'))!;
  const ex = cli(db, 'explain', '--model', String(feature), '--user', user, '--step', step) as { memoryKind: string; memory: { item: string; attention: number }[] };
  expect(ex.memoryKind).toBe('latent');
  const cards = page.getByTestId('memory-slot');
  await expect(cards).toHaveCount(5);
  expect(await cards.evaluateAll((els) => els.map((e) => [e.getAttribute('data-item'), Number(e.getAttribute('data-attention'))]))).toEqual(ex.memory.map((m) => [m.item, m.attention]));
  await expect(cards.first()).toContainText('latent feature F1');
  await expect(page.getByTestId('writes-heatmap')).toHaveAttribute('data-step', step);
});

test('SASRec in the timeline: its attention over the purchases read and each one left out, the numbers the CLI gives', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  cli(db, 'train', '--dataset', String(datasetId), '--slots', '4', '--dim', '8', '--epochs', '2');
  const sas = cli(db, 'train', '--dataset', String(datasetId), '--model', 'sasrec', '--dim', '8', '--epochs', '2').modelId as number;
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByLabel('Model', { exact: true }).selectOption(String(sas));
  const view = page.getByTestId('step-view');
  await expect(view).toHaveAttribute('data-ready', 'true');
  const user = (await view.getAttribute('data-user'))!;
  const step = (await view.getAttribute('data-step'))!;
  type Ex = { additive: boolean; memory: { item: string; attention: number }[]; recommendations: { item: string; logit: number; slots: { withoutSlotLogit: number }[] }[] };
  const ex = cli(db, 'explain', '--model', String(sas), '--user', user, '--step', step) as Ex;
  expect(ex.additive).toBe(false);
  const cards = page.getByTestId('memory-slot');
  await expect(cards).toHaveCount(ex.memory.length);
  expect(await cards.evaluateAll((els) => els.map((e) => [e.getAttribute('data-item'), Number(e.getAttribute('data-attention'))]))).toEqual(ex.memory.map((m) => [m.item, m.attention]));
  await expect(page.getByTestId('step-view')).toContainText('the same for every item');
  // The first recommendation's detail: the logit each purchase's leaving out costs, from the model.
  const why = page.getByRole('region', { name: /Top \d+ recommendations/ }).getByTestId('slot-table');
  const first = ex.recommendations[0];
  await expect(why).toHaveAttribute('data-item', first.item);
  const lost = await why.getByTestId('slot-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-lost'))));
  expect(lost).toHaveLength(first.slots.length);
  lost.forEach((v, k) => expect(v).toBeCloseTo(first.logit - first.slots[k].withoutSlotLogit, 12));
  await expect(page.getByRole('region', { name: /Top \d+ recommendations/ })).toContainText('does not split over its purchases');
});
