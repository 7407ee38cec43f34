import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, DEMO, expect, test, writeAmazonShaped } from './fixtures';

function importDemo(db: string): number {
  return cli(db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
}

test('imports an Amazon-shaped log through the UI and shows its figures', async ({ page, workbench }) => {
  const log = writeAmazonShaped(workbench.dir);
  const n = (x: number) => x.toLocaleString('en-US');
  expect(log.users).toBeGreaterThan(1000);
  expect(log.usersWithTenOrMore).toBeGreaterThan(0);
  expect(log.usersWithTenOrMore).toBeLessThan(log.users);
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Datasets' }).click();
  await page.getByLabel('Purchase log', { exact: true }).setInputFiles(log.events);
  await page.getByLabel('Item titles (optional)').setInputFiles(log.titles);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported dataset' })).toContainText(
    `${n(log.users)} users, ${n(log.items)} items, ${n(log.rows)} events`,
  );
  // The dataset's own figures, from the store: users, items, events, users with >= 10 events.
  const figures = page.locator('section[aria-labelledby="ds-sum-h"] dd');
  await expect(figures.nth(0)).toHaveText(n(log.users));
  await expect(figures.nth(1)).toHaveText(n(log.items));
  await expect(figures.nth(2)).toHaveText(n(log.rows));
  await expect(figures.nth(3)).toContainText(n(log.usersWithTenOrMore));
  await expect(page.getByRole('table', { name: 'Datasets' })).toContainText('Musical_Instruments_5');
});

test('a bad file shows a readable error with its line, and the dataset list stays as it was', async ({ page, workbench }) => {
  importDemo(workbench.db);
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Datasets' }).click();
  const rows = page.getByRole('table', { name: 'Datasets' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  const bad = join(workbench.dir, 'bad.csv');
  writeFileSync(bad, 'user_id,item_id,timestamp\nu1,i1,1500000000\nu1,i2,not-a-time\n');
  await page.getByLabel('Purchase log', { exact: true }).setInputFiles(bad);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('line 3');
  await expect(alert).toContainText('not-a-time');
  await expect(alert).toContainText('bad.csv');
  await expect(rows).toHaveCount(1);
  expect((cli(workbench.db, 'datasets').datasets as unknown[]).length).toBe(1);
});

test('trains a small model with the progress visible', async ({ page, workbench }) => {
  importDemo(workbench.db);
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Models' }).click();
  await page.getByLabel('Memory slots K').fill('5');
  await page.getByLabel('Epochs (max)').fill('40');
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  await expect(page.getByText(/epoch \d+ of 40/).first()).toBeVisible();
  // Finished: the model appears in the table, and it is in the store (the CLI can evaluate it).
  await expect(page.getByRole('table').filter({ hasText: 'RUM (item)' }).first()).toBeVisible({ timeout: 90_000 });
  const evaluated = cli(workbench.db, 'evaluate', '--model', '1') as { metrics: { hr: number } };
  expect(evaluated.metrics.hr).toBeGreaterThan(0);
});

test('steps through the timeline; every slot and attention equals `explain --json`', async ({ page, workbench }) => {
  const datasetId = importDemo(workbench.db);
  const model = cli(workbench.db, 'train', '--dataset', String(datasetId), '--slots', '5', '--dim', '16', '--epochs', '5').modelId as number;
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const view = page.getByTestId('step-view');
  await expect(view).toHaveAttribute('data-ready', 'true');
  const user = (await view.getAttribute('data-user'))!;
  let step = Number(await view.getAttribute('data-step'));
  // Start a little before the end of training so that five steps fit.
  await page.getByRole('button', { name: 'First step' }).click();
  step = 0;
  await expect(view).toHaveAttribute('data-step', '0');
  for (let k = 0; k < 6; k++) {
    await expect(view).toHaveAttribute('data-ready', 'true');
    const shown = await page.getByTestId('memory-slot').evaluateAll((els) =>
      els.map((e) => ({ item: e.getAttribute('data-item'), attention: Number(e.getAttribute('data-attention')) })),
    );
    const ex = cli(workbench.db, 'explain', '--model', String(model), '--user', user, '--step', String(step)) as {
      memory: { item: string; attention: number }[];
      recommendations: { item: string; logit: number }[];
    };
    expect(shown.map((s) => s.item)).toEqual(ex.memory.map((m) => m.item));
    shown.forEach((s, i) => expect(s.attention).toBeCloseTo(ex.memory[i].attention, 12));
    const recs = await page.getByTestId('recommendation').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
    expect(recs).toEqual(ex.recommendations.map((r) => r.item));
    await page.locator('body').press('ArrowRight');
    step++;
    await expect(view).toHaveAttribute('data-step', String(step));
  }
});

test('exports HTML and PDF reports of the user on screen', async ({ page, workbench }) => {
  const datasetId = importDemo(workbench.db);
  cli(workbench.db, 'train', '--dataset', String(datasetId), '--slots', '5', '--dim', '16', '--epochs', '3');
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const user = (await page.getByTestId('step-view').getAttribute('data-user'))!;
  for (const [format, check] of [
    ['html', (b: Buffer) => expect(b.toString()).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\s*$/)],
    ['pdf', (b: Buffer) => expect(b.subarray(0, 5).toString()).toBe('%PDF-')],
  ] as const) {
    await page.getByLabel('Report format').selectOption(format);
    await page.getByRole('button', { name: `Export report for ${user}` }).click();
    const link = page.getByRole('status').filter({ hasText: 'Report ready' }).getByRole('link');
    await expect(link).toBeVisible({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = join(workbench.dir, `report.${format}`);
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(1000);
    check(bytes);
    if (format === 'html') expect(bytes.toString()).toContain(user);
  }
});
