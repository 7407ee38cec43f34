import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

interface Slot {
  slot: number;
  shapley: number | null;
  share: number;
}
interface Scored {
  item: string;
  title: string | null;
  rank: number;
  logit: number;
  memory: number;
  slots: Slot[];
}
interface Explained {
  recommendations: Scored[];
  memory: { item: string }[];
  candidate: Scored & { gap: { gap: number; slots: { slot: number; dotNeeded: number | null }[] } };
}

test('why not an item found by its title: the gap and the contribution column are the model’s numbers', async ({ page, workbench }) => {
  const datasetId = cli(workbench.db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  const model = cli(workbench.db, 'train', '--dataset', String(datasetId), '--slots', '5', '--dim', '16', '--epochs', '5').modelId as number;
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const view = page.getByTestId('step-view');
  await expect(view).toHaveAttribute('data-ready', 'true');
  const user = (await view.getAttribute('data-user'))!;
  const step = (await view.getAttribute('data-step'))!;

  // An item neither recommended nor bought before this step, found by its title.
  const base = cli(workbench.db, 'explain', '--model', String(model), '--user', user, '--step', step) as unknown as Explained;
  const shown = new Set(base.recommendations.map((r) => r.item));
  const hits = (cli(workbench.db, 'items', '--model', String(model), '--query', 'a', '--limit', '200') as { items: { item: string; title: string }[] }).items;
  let chosen: { item: string; title: string } | undefined;
  let ex: Explained | undefined;
  for (const h of hits) {
    if (shown.has(h.item) || !h.title) continue;
    const e = cli(workbench.db, 'explain', '--model', String(model), '--user', user, '--step', step, '--item', h.item) as unknown as Explained;
    if (e.candidate.gap.gap > 0 && e.candidate.slots.length > 0) {
      chosen = h;
      ex = e;
      break;
    }
  }
  expect(chosen, 'an item below the top 5').toBeDefined();

  const whyNot = page.getByTestId('why-not');
  await whyNot.getByRole('combobox', { name: 'Why not item' }).fill(chosen!.title);
  await whyNot.getByRole('option').filter({ hasText: chosen!.title }).first().click();

  const summary = whyNot.getByTestId('gap-summary');
  await expect(summary).toBeVisible();
  expect(Number(await summary.getAttribute('data-gap'))).toBeCloseTo(ex!.candidate.gap.gap, 12);
  await expect(summary).toContainText(ex!.candidate.gap.gap.toFixed(4));
  await expect(summary).toContainText(`ranks ${ex!.candidate.rank}`);

  // The contribution column: every slot's Shapley value as the model computes it, summing to the memory part.
  const table = whyNot.getByTestId('slot-table');
  await expect(table).toHaveAttribute('data-item', chosen!.item);
  const rows = await table.getByTestId('slot-row').evaluateAll((els) => els.map((e) => ({ slot: Number(e.getAttribute('data-slot')), shapley: Number(e.getAttribute('data-shapley')), text: e.children[2].textContent })));
  expect(rows).toHaveLength(ex!.candidate.slots.length);
  rows.forEach((r, k) => {
    const want = ex!.candidate.slots[k].shapley!;
    expect(r.shapley).toBeCloseTo(want, 12);
    // Shown to 4 decimals, or 2 significant digits when that would read 0.0000.
    const shownValue = Number(r.text!.replace('−', '-'));
    expect(Math.abs(shownValue - want)).toBeLessThanOrEqual(Math.abs(want) < 5e-5 ? 0.05 * Math.abs(want) : 5e-5);
    expect(r.text).not.toMatch(/^[−+]0\.0000$/);
  });
  expect(rows.reduce((s, r) => s + r.shapley, 0)).toBeCloseTo(ex!.candidate.memory, 10);
  // Each slot's needed dot as the model computed it.
  const gapRows = await whyNot.getByTestId('gap-row').evaluateAll((els) => els.map((e) => ({ slot: Number(e.getAttribute('data-slot')), needed: e.getAttribute('data-needed') })));
  for (const g of gapRows) {
    const want = ex!.candidate.gap.slots[g.slot].dotNeeded;
    if (want === null) expect(g.needed).toBe('');
    else expect(Number(g.needed)).toBeCloseTo(want, 12);
  }

  // The step's own "Why" detail: the first recommendation's contributions, from the model too.
  const why = page.getByRole('region', { name: /Top \d+ recommendations/ }).getByTestId('slot-table');
  const first = base.recommendations[0];
  await expect(why).toHaveAttribute('data-item', first.item);
  const whyRows = await why.getByTestId('slot-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-shapley'))));
  whyRows.forEach((v, k) => expect(v).toBeCloseTo(first.slots[k].shapley!, 12));
});
