import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, expect, test } from './fixtures';

/**
 * A log with one long user (1,200 purchases, walking a ring of 150 items so the order carries
 * signal) among 40 ordinary ones: long timelines must open, step and rank like short ones.
 */
function writeLongLog(dir: string): string {
  const lines = ['user,item,timestamp'];
  const t0 = 1_500_000_000;
  for (let k = 0; k < 1200; k++) lines.push(`long,i${(k * 7 + (k % 3)) % 150},${t0 + k * 600}`);
  for (let u = 0; u < 40; u++) for (let k = 0; k < 15; k++) lines.push(`u${u},i${(u * 11 + k * 7) % 150},${t0 + u * 50_000 + k * 3600}`);
  const file = join(dir, 'long.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('a 1,200-purchase user: the heatmap follows the arrow keys and the ranks shown are the model’s', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', writeLongLog(workbench.dir), '--name', 'Long').datasetId as number;
  const modelId = cli(db, 'train', '--dataset', String(datasetId), '--dim', '8', '--slots', '5', '--epochs', '2').modelId as number;
  const tl = cli(db, 'timeline', '--model', String(modelId), '--user', 'long') as { steps: { step: number; rank: number; hit: boolean }[]; trainLength: number; n: number };
  expect(tl.steps).toHaveLength(1200);

  await workbench.open(page);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByLabel('Sort users').selectOption('events');
  await page.getByRole('listbox', { name: 'Users' }).getByRole('option', { name: /^long/ }).click();
  const view = page.getByTestId('step-view');
  await expect(view).toHaveAttribute('data-user', 'long');
  await expect(view).toHaveAttribute('data-ready', 'true');
  const start = tl.trainLength;
  const heat = page.getByTestId('heatmap');
  await expect(heat).toHaveAttribute('data-step', String(start));
  // It opens on the current step: its column is in the drawn window.
  const [c0, c1] = (await heat.getAttribute('data-cols'))!.split('-').map(Number);
  expect(c0 <= start && start <= c1 && c0 > 0).toBe(true);
  // Ranks arrive after the attention: then the strip and the step say the CLI's ranks.
  await expect(page.getByTestId('user-metrics')).toContainText(`Hit@${tl.n}`);
  const strip = page.getByRole('list', { name: /Purchases in time order/ });
  // The strip renders only the chips in view (and a margin): scroll each one into view first.
  for (const s of [0, 1, start - 1, start, 1199]) {
    await strip.evaluate((el, x) => (el.scrollLeft = 2 + x * 95 - 8), s);
    await expect(strip.getByRole('button', { name: new RegExp(`^Step ${s}:`) })).toHaveAttribute('data-rank', String(tl.steps[s].rank));
  }
  // Far fewer than 1,200 chips are in the page; the current one always is.
  expect(await strip.getByRole('button').count()).toBeLessThan(300);
  // One tab stop in the strip: the current purchase.
  await expect(strip.locator('button[tabindex="0"]')).toHaveCount(1);
  await expect(strip.locator('button[tabindex="0"]')).toHaveAttribute('aria-current', 'step');

  await strip.locator('button[tabindex="0"]').focus();
  for (let k = 1; k <= 4; k++) {
    await page.keyboard.press('ArrowRight');
    const step = start + k;
    await expect(heat).toHaveAttribute('data-step', String(step));
    // The current-memory band is the K = 5 purchases before the step.
    await expect(heat).toHaveAttribute('data-band', `${step - 5}-${step - 1}`);
    await expect(view).toHaveAttribute('data-step', String(step));
    await expect(view).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('step-rank')).toHaveText(`ranked #${tl.steps[step].rank}`);
    // The focus moved with the step: still one tab stop, and it is the focused one.
    await expect(strip.locator('button[tabindex="0"]')).toBeFocused();
  }
  // End jumps to after the last purchase: the heatmap window goes to the last column.
  await page.keyboard.press('End');
  await expect(heat).toHaveAttribute('data-step', '1200');
  await expect(heat).toHaveAttribute('data-cols', /-1199$/);
  // Zoom out shows more columns.
  const before = (await heat.getAttribute('data-cols'))!.split('-').map(Number);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(async () => {
    const [a, b] = (await heat.getAttribute('data-cols'))!.split('-').map(Number);
    return b - a;
  }).toBeGreaterThan(before[1] - before[0]);
});
