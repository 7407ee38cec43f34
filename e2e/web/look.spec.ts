import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

// What styles.css promises, checked in the browser: a visible ring on every control the keyboard
// reaches, and charts whose axes say what they measure (issue 11).
test('keyboard focus shows a ring on every control, and chart axes carry titles', async ({ page, workbench }) => {
  const datasetId = cli(workbench.db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  cli(workbench.db, 'train', '--dataset', String(datasetId), '--slots', '5', '--dim', '8', '--epochs', '2');
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(page.getByRole('table', { name: 'Models and their test metrics' })).toBeVisible();

  const seen = new Set<string>();
  for (let k = 0; k < 40; k++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { what: `${el.tagName.toLowerCase()}#${el.id} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''}`, style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    if (!ring) continue;
    seen.add(ring.what);
    expect(ring, ring.what).toMatchObject({ style: 'solid' });
    expect(ring.width, ring.what).toBeGreaterThanOrEqual(2);
  }
  // The walk reached the top bar, the form and the table, not one control over and over.
  expect(seen.size).toBeGreaterThan(15);

  // The metrics chart's axes (recharts Label).
  const chart = page.getByRole('img', { name: /Test metrics of/ });
  await expect(chart.getByText('test value')).toBeVisible();
  await expect(chart.getByText(/metric at N = 5/)).toBeVisible();
});
