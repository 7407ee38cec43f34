// listUsers: a model's users, searched, filtered by length and by where the model fails, sorted.
// Figures that need ranks (hit rate, misses) come from engine/user-ranks.ts testFigures: every
// user's test part, ranked once per loaded model, only when a sort or filter asks for them.
import { hitN, testFigures, type Ranker } from '../engine/user-ranks';
import type { LoadedModel } from '../engine/loaded-model';
import type { Input } from './contract';
import type { Result, UserRow } from './results';

export const RANKED_METHOD =
  'test part only: at each test step, the rank of the item bought among the items not bought before it (the whole catalogue scored); HR@N = share of test steps ranked <= N, misses = test steps ranked > N';

/** `ranker`: where the test parts are ranked when no kept figures exist (default: this thread). */
export async function listModelUsers(m: LoadedModel, input: Input<'listUsers'>, ranker?: Ranker): Promise<Result<'listUsers'>> {
  const { query, offset, limit, sort, minEvents, maxEvents, onlyMisses } = input;
  const q = (query ?? '').toLowerCase();
  const wantsRanks = sort === 'hitRate' || sort === 'misses' || onlyMisses === true;
  const ranked = wantsRanks ? await testFigures(m, ranker) : null;
  // A kept ranking is free: say 0 ms rather than the first call's time again.
  const firstTime = ranked && !rankedBefore.has(m) ? ranked.ms : 0;
  if (ranked) rankedBefore.add(m);
  let rows: UserRow[] = m.userIds.map((user, u) => ({
    user,
    events: m.split.sequences[u].items.length,
    trainLength: m.split.sequences[u].trainLength,
    ...(ranked ? { test: ranked.figures[u] } : {}),
  }));
  if (q) rows = rows.filter((r) => r.user.toLowerCase().includes(q));
  if (minEvents !== undefined) rows = rows.filter((r) => r.events >= minEvents);
  if (maxEvents !== undefined) rows = rows.filter((r) => r.events <= maxEvents);
  if (onlyMisses) rows = rows.filter((r) => (r.test?.misses ?? 0) > 0);
  // Ties keep the model's user order (Array.prototype.sort is stable).
  if (sort === 'events') rows.sort((a, b) => b.events - a.events);
  else if (sort === 'hitRate') rows.sort((a, b) => b.test!.hr - a.test!.hr || b.test!.steps - a.test!.steps);
  else if (sort === 'misses') rows.sort((a, b) => b.test!.misses - a.test!.misses);
  const from = offset ?? 0;
  return {
    total: rows.length,
    users: rows.slice(from, from + (limit ?? 1000)),
    ...(ranked ? { ranked: { n: hitN(m), method: RANKED_METHOD, ms: firstTime } } : {}),
  };
}

const rankedBefore = new WeakSet<LoadedModel>();
