import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { cli, DEMO, expect, test } from './fixtures';

type Moves = { moves: { item: string; rankBefore: number; rankAfter: number }[] };
type WithMinimal = { minimal: { item: string; purchases: { realStep: number | null }[] | null; rankWithout: number | null } };

/** The rank moves the card shows, as [item, before, after] rows. */
const shownMoves = (card: Locator) => card.getByTestId('whatif-move').evaluateAll((els) => els.map((e) => [e.getAttribute('data-item'), Number(e.getAttribute('data-before')), Number(e.getAttribute('data-after'))]));

test('what if: removing a purchase in the timeline moves the ranks the CLI gives, the smallest removal is the CLI\'s and removing it takes the item out, edits stay with their step, undo restores the ranks', async ({ page, workbench }) => {
  const db = workbench.db;
  const datasetId = cli(db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv')).datasetId as number;
  const modelId = cli(db, 'train', '--dataset', String(datasetId), '--slots', '4', '--dim', '8', '--epochs', '4').modelId as number;
  await workbench.open(page);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const view = page.getByTestId('step-view');
  await expect(view).toHaveAttribute('data-ready', 'true');
  const user = (await view.getAttribute('data-user'))!;
  const step = Number(await view.getAttribute('data-step'));
  const card = page.getByTestId('whatif');
  const whatif = (...args: string[]) => cli(db, 'whatif', '--model', String(modelId), '--user', user, '--step', String(step), ...args);

  // Remove the purchase just before the step: the memory's newest slot.
  await card.getByRole('button', { name: new RegExp(`^Remove .* \\(step ${step - 1}\\)$`) }).click();
  const want = whatif('--remove', String(step - 1)) as Moves & { after: { recommendations: { item: string }[] } };
  await expect(card.getByTestId('whatif-move')).toHaveCount(want.moves.length);
  expect(await shownMoves(card)).toEqual(want.moves.map((m) => [m.item, m.rankBefore, m.rankAfter]));
  await expect(card.getByTestId('whatif-edits')).toContainText('remove');
  await expect(card.getByTestId('whatif-after').getByTestId('recommendation')).toHaveCount(5);

  // What holds a recommendation up: the CLI's set, by real steps. The one asked is the first the
  // memory holds up (others stay on their intrinsic part alone); the demo's patterns give one.
  const asked = want.after.recommendations
    .map((r) => ({ item: r.item, m: (whatif('--remove', String(step - 1), '--minimal', r.item) as WithMinimal).minimal }))
    .find((x) => x.m.purchases !== null);
  expect(asked, 'a recommendation that memory purchases hold up').toBeDefined();
  const { item, m } = asked!;
  const purchases = m.purchases!;
  await card.locator(`[data-testid="whatif-move"][data-item="${item}"]`).getByRole('button', { name: 'what holds it up?' }).click();
  const minimal = card.getByTestId('whatif-minimal');
  await expect(minimal).toContainText('would not be recommended');
  await expect(minimal).toHaveAttribute('data-item', item);
  await expect(minimal).toHaveAttribute('data-steps', purchases.map((p) => p.realStep).join(' '));
  await expect(minimal).toHaveAttribute('data-rank', String(m.rankWithout));
  // Removing them in the card (one action) takes the item out of the top 5, with the ranks the CLI gives.
  await minimal.getByRole('button', { name: /^remove (it|them)$/ }).click();
  const removes = [step - 1, ...purchases.map((p) => p.realStep!)].flatMap((s) => ['--remove', String(s)]);
  const out = whatif(...removes) as Moves & { after: { recommendations: { item: string }[] } };
  expect(out.after.recommendations.map((r) => r.item)).not.toContain(item);
  await expect(card.getByTestId('whatif-move')).toHaveCount(out.moves.length);
  await expect.poll(() => shownMoves(card)).toEqual(out.moves.map((x) => [x.item, x.rankBefore, x.rankAfter]));
  await card.getByRole('button', { name: 'Undo' }).click();
  await expect(card.getByTestId('whatif-edits').locator('li')).toHaveCount(1);

  // Edits stay with their step for the session: step on and back.
  await page.locator('body').press('ArrowRight');
  await expect(view).toHaveAttribute('data-step', String(step + 1));
  await expect(card.getByTestId('whatif-edits')).toHaveCount(0);
  await page.locator('body').press('ArrowLeft');
  await expect(view).toHaveAttribute('data-step', String(step));
  await expect(card.getByTestId('whatif-edits').locator('li')).toHaveCount(1);

  // Undo: no edit left; asked again, every rank is back where it was.
  await card.getByRole('button', { name: 'Undo' }).click();
  await expect(card.getByTestId('whatif-edits')).toHaveCount(0);
  await card.getByRole('button', { name: 'ask what holds the top recommendations up' }).click();
  await expect
    .poll(async () => card.getByTestId('whatif-move').evaluateAll((els) => els.length > 0 && els.every((e) => e.getAttribute('data-before') === e.getAttribute('data-after'))))
    .toBe(true);
});
