import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

type Map = { steps: number; users: number; pairs: { from: string; fromTitle: string; to: string; toTitle: string; weight: number; steps: number }[] };

test('the influences view shows the map the CLI gives: its strongest pair first in the table and the graph, searchable, by attention too', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  const modelId = cli(db, 'train', '--dataset', String(datasetId), '--dim', '8', '--slots', '4', '--epochs', '2').modelId as number;
  const byShapley = cli(db, 'influences', '--model', String(modelId), '--top', '5') as Map;
  const byAttention = cli(db, 'influences', '--model', String(modelId), '--top', '5', '--by', 'attention') as Map;
  const top = byShapley.pairs[0];

  await workbench.open(page);
  await page.getByRole('tab', { name: 'Influences' }).click();
  const view = page.getByTestId('influences-view');
  // The map is computed on opening, as a job; its summary says over what.
  await expect(view.getByTestId('influence-summary')).toHaveAttribute('data-steps', String(byShapley.steps));
  await expect(view.getByTestId('influence-summary')).toHaveAttribute('data-users', String(byShapley.users));
  const first = view.getByTestId('influence-row').first();
  await expect(first).toHaveAttribute('data-from', top.from);
  await expect(first).toHaveAttribute('data-to', top.to);
  await expect(first).toHaveAttribute('data-weight', String(top.weight));
  await expect(first).toContainText(top.fromTitle);
  await expect(first).toContainText(top.toTitle);
  // The graph's strongest link is the same pair, between two titled items.
  const edge = view.locator('[data-testid="influence-edge"][data-rank="1"]');
  await expect(edge).toHaveAttribute('data-from', top.from);
  await expect(edge).toHaveAttribute('data-to', top.to);
  await expect(view.locator(`[data-testid="influence-node"][data-side="from"][data-item="${top.from}"]`)).toContainText(top.fromTitle.slice(0, 20));

  // Searching by a title keeps only pairs of that item; choosing an item in the graph searches for it.
  await view.getByTestId('influence-search').fill(top.toTitle);
  const rows = view.getByTestId('influence-row');
  await expect(rows.first()).toHaveAttribute('data-to', top.to);
  for (const r of await rows.all()) expect([await r.getAttribute('data-from'), await r.getAttribute('data-to')]).toContain(top.to);
  await view.locator(`[data-testid="influence-node"][data-side="from"][data-item="${top.from}"]`).click();
  await expect(view.getByTestId('influence-search')).toHaveValue(top.from);

  // By attention: the CLI's attention map, strongest pair first.
  await view.getByTestId('influence-by').selectOption('attention');
  await view.getByTestId('influence-search').fill('');
  await expect(view.getByTestId('influence-row').first()).toHaveAttribute('data-from', byAttention.pairs[0].from);
  await expect(view.getByTestId('influence-row').first()).toHaveAttribute('data-weight', String(byAttention.pairs[0].weight));
});
