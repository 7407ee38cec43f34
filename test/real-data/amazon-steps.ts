/**
 * The command lines whose --json output on the Amazon Musical Instruments file is pinned by
 * test/real-data/fixtures/amazon (recorded, like test/fixtures/cli-json, with the code before
 * issue 10's refactor). Ids, titles and reasons are pinned as hashes: the repo must not hold a
 * copy of the data set, not even one user's purchases or their times.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Places, Step } from '../cli-json-fixtures';

export const AMAZON_FOLDER = 'amazon-musical-instruments-5core';

/** The first user in file order with >= 10 events and the file's first item, read with plain code. */
export function amazonPicks(folder: string): { user: string; item: string } {
  const [header, ...lines] = readFileSync(join(folder, 'Musical_Instruments_5.csv'), 'utf8').split('\n').filter((l) => l.length > 0);
  const names = header.split(',').map((h) => h.trim());
  const [u, i] = [names.indexOf('reviewerID'), names.indexOf('asin')];
  const counts = new Map<string, number>();
  for (const l of lines) {
    const user = l.split(',')[u];
    counts.set(user, (counts.get(user) ?? 0) + 1);
  }
  const user = lines.map((l) => l.split(',')[u]).find((x) => counts.get(x)! >= 10)!;
  return { user, item: lines[0].split(',')[i] };
}

const SMALL = ['--dim', '8', '--epochs', '3', '--seed', '1', '--threads', '1'];

export function amazonSteps(folder: string, out: string): Step[] {
  const { user, item } = amazonPicks(folder);
  return [
    { name: 'import', argv: ['import', join(folder, 'Musical_Instruments_5.csv'), '--items', join(folder, 'Music_Instruments_meta_5.csv')] },
    { name: 'datasets', argv: ['datasets'] },
    { name: 'train-rum-item', argv: ['train', '--dataset', '1', '--model', 'rum-item', '--slots', '5', ...SMALL] },
    { name: 'train-pop', argv: ['train', '--dataset', '1', '--model', 'pop', '--seed', '1', '--threads', '1'] },
    { name: 'train-bpr', argv: ['train', '--dataset', '1', '--model', 'bpr', ...SMALL] },
    { name: 'train-fpmc', argv: ['train', '--dataset', '1', '--model', 'fpmc', ...SMALL] },
    { name: 'models', argv: ['models'] },
    { name: 'evaluate-rum-item', argv: ['evaluate', '--model', '1'] },
    { name: 'evaluate-pop', argv: ['evaluate', '--model', '2'] },
    { name: 'evaluate-bpr', argv: ['evaluate', '--model', '3'] },
    { name: 'evaluate-fpmc', argv: ['evaluate', '--model', '4'] },
    { name: 'explain', argv: ['explain', '--model', '1', '--user', user, '--item', item] },
    { name: 'explain-step-3', argv: ['explain', '--model', '1', '--user', user, '--step', '3', '--top', '3'] },
    { name: 'timeline', argv: ['timeline', '--model', '1', '--user', user] },
    {
      name: 'export-model-rum-item',
      argv: ['export-model', '--model', '1', '--out', join(out, 'model1.json')],
      file: { path: join(out, 'model1.json'), as: 'json' },
    },
  ];
}

/** Folders as placeholders, the chosen user as `$USER`, and every id, title and reason hashed. */
export function amazonPlaces(folder: string, out: string): Places {
  const { user, item } = amazonPicks(folder);
  return {
    replace: [[out, '$OUT'], [folder, '$AMAZON'], [user, '$USER'], [item, '$ITEM']],
    hidden: new Set(['user', 'users', 'item', 'items', 'title', 'titles', 'time', 'reason', 'purchased_item', 'purchased_title']),
  };
}
