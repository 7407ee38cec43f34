// A long user in memory, for the report's page budget (test/report-long-user.test.ts) and its
// bench (bench/report.ts): MovieLens-100K's longest user has 737 purchases of 1,682 films.
import { initRumItemParams } from '../src-main/core/model/rum-item/params';
import { rumWeights } from '../src-main/core/model/rum-item/weights';
import { Rng } from '../src-main/core/random';
import { DEFAULT_CONFIG } from '../src-main/core/train/config';
import type { LoadedModel } from '../src-main/engine/loaded-model';

export const ITEMS = 1_682;
export const PURCHASES = 737;
export const DIM = 32;
export const K = 5;

/** A LoadedModel (random weights: the work and the pages do not depend on their values) of one user with `purchases` distinct purchases, in memory (no store, no training). */
export function longUserModel(purchases = PURCHASES, items = ITEMS, slots = K): LoadedModel {
  const rng = new Rng(11);
  const params = initRumItemParams({ dim: DIM, slots, alpha: 0.2, beta: 1 }, 1, items, rng);
  // Distinct items, as a MovieLens user rates each film once.
  const order = Array.from({ length: items }, (_, i) => i);
  for (let i = items - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const seq = Int32Array.from(order.slice(0, purchases));
  const times = Float64Array.from({ length: purchases }, (_, t) => 1.6e12 + t * 3_600_000);
  const trainLength = Math.floor(purchases * 0.7);
  return {
    record: { modelId: 1, datasetId: 1, kind: 'rum-item', config: { ...DEFAULT_CONFIG, dim: DIM, slots }, configHash: '', seed: 1, backend: 'bench', curve: [], metrics: {}, epochs: 0, seconds: 0, createdAt: '' },
    arrays: { weights: rumWeights('rum-item', params), itemOf: Int32Array.from({ length: items }, (_, i) => i), userOf: new Int32Array(1) },
    split: { options: { minUserEvents: 10, trainPercent: 70 }, sequences: [{ user: 0, datasetUser: 0, items: seq, times, trainLength }], itemOf: Int32Array.from({ length: items }, (_, i) => i), userOf: new Int32Array(1), events: purchases },
    userIds: ['long-user'],
    itemIds: Array.from({ length: items }, (_, i) => `m${i}`),
    titles: Array.from({ length: items }, (_, i) => `A film with a title of usual length, number ${i} (1995)`),
    modelUserOf: (id) => (id === 'long-user' ? 0 : -1),
  };
}

