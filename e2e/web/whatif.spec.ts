import { join } from 'node:path';
import { cli, DEMO, expect, test } from './fixtures';

test('what if: removing a purchase in the timeline moves the ranks the CLI gives, the smallest removal is named, and undo restores the ranks', async ({ page, workbench }) => {
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
  // Remove the purchase just before the step: the memory's newest slot.
  await card.getByRole('button', { name: new RegExp(`^Remove .* \\(step ${step - 1}\\)$`) }).click();
  const want = cli(db, 'whatif', '--model', String(modelId), '--user', user, '--step', String(step), '--remove', String(step - 1)) as { moves: { item: string; rankBefore: number; rankAfter: number }[] };
  const rows = card.getByTestId('whatif-move');
  await expect(rows).toHaveCount(want.moves.length);
  const got = await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-item'), Number(e.getAttribute('data-before')), Number(e.getAttribute('data-after'))]));
  expect(got).toEqual(want.moves.map((m) => [m.item, m.rankBefore, m.rankAfter]));
  await expect(card.getByTestId('whatif-edits')).toContainText(`remove`);
  // What holds the first recommendation up: the CLI's sentence, as numbers.
  await card.getByRole('button', { name: 'what holds it up?' }).first().click();
  await expect(card.getByTestId('whatif-minimal')).toContainText('sets tried');
  // Undo: no edit left, so every rank is back where it was.
  await card.getByRole('button', { name: 'Undo' }).click();
  await expect(card.getByTestId('whatif-edits')).toHaveCount(0);
  await expect
    .poll(async () => card.getByTestId('whatif-move').evaluateAll((els) => els.length > 0 && els.every((e) => e.getAttribute('data-before') === e.getAttribute('data-after'))))
    .toBe(true);
});
