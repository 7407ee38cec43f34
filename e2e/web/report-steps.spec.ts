import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

type Step = { step: number; candidate?: { rank: number } };
type ReportJson = { summary: { n: number; ranks: number[]; selection: { steps: string } }; steps: Step[] };

test('exports a report with the step range chosen in the UI, and only hits as JSON', async ({ page, workbench }) => {
  const datasetId = cli(workbench.db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  cli(workbench.db, 'train', '--dataset', String(datasetId), '--slots', '5', '--dim', '16', '--epochs', '3');
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const user = (await page.getByTestId('step-view').getAttribute('data-user'))!;
  const exportButton = page.getByRole('button', { name: `Export report for ${user}` });

  const download = async (name: string) => {
    await exportButton.click();
    const link = page.getByRole('status').filter({ hasText: 'Report ready' }).getByRole('link');
    await expect(link).toBeVisible({ timeout: 60_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = join(workbench.dir, name);
    await file.saveAs(path);
    return readFileSync(path, 'utf8');
  };

  // A range: typed, checked before it is sent (a backwards one cannot be exported).
  await page.getByLabel('Report format').selectOption('html');
  await page.getByLabel('Steps in detail').selectOption('range');
  const range = page.getByLabel('Steps', { exact: true });
  await range.fill('9-2');
  await expect(exportButton).toBeDisabled();
  await expect(page.getByText('The range must run forwards')).toBeVisible();
  await range.fill('2-4');
  await expect(exportButton).toBeEnabled();
  const html = await download('range.html');
  const detailed = [...html.matchAll(/<details[^>]* id="step-(\d+)"/g)].map((m) => Number(m[1]));
  expect(detailed).toEqual([2, 3, 4]);
  expect(html).toContain('<code>--steps 2-4</code>');
  expect(html.indexOf('<h2>Summary</h2>')).toBeLessThan(html.indexOf('id="step-2"'));

  // Hits as JSON: exactly the steps whose bought item ranked within the top N.
  await page.getByLabel('Report format').selectOption('json');
  await page.getByLabel('Steps in detail').selectOption('hits');
  const report = JSON.parse(await download('hits.json')) as ReportJson;
  const { n, ranks } = report.summary;
  expect(report.summary.selection.steps).toBe('hits');
  const hits = ranks.flatMap((r, t) => (r <= n ? [t] : []));
  expect(hits.length).toBeGreaterThan(0);
  expect(report.steps.map((s) => s.step)).toEqual(hits);
  for (const s of report.steps) expect(s.candidate!.rank).toBeLessThanOrEqual(n);
});
