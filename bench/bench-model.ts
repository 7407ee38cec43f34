// A stored item-level RUM model as the services see it, made in memory for the benches: one user,
// 'bench-user', with the timeline given; no store or split is read, so only the work measured runs.
import type { RumItemParams } from '../src-main/core/model/rum-item/params';
import { rumWeights } from '../src-main/core/model/rum-item/weights';
import { DEFAULT_CONFIG } from '../src-main/core/train/config';
import type { LoadedModel } from '../src-main/engine/loaded-model';

export const BENCH_USER = 'bench-user';

export function benchModel(params: RumItemParams, items: Int32Array, times: Float64Array, trainLength: number, title: (i: number) => string): LoadedModel {
  return {
    record: { modelId: 0, datasetId: 0, kind: 'rum-item', config: { ...DEFAULT_CONFIG }, configHash: '', seed: 1, backend: 'bench', curve: [], metrics: {}, epochs: 0, seconds: 0, createdAt: '' },
    arrays: { weights: rumWeights('rum-item', params), itemOf: new Int32Array(0), userOf: new Int32Array(1) },
    split: { options: { minUserEvents: 10, trainPercent: 70 }, sequences: [{ user: 0, datasetUser: 0, items, times, trainLength }], itemOf: new Int32Array(0), userOf: new Int32Array(1), events: items.length },
    userIds: [BENCH_USER],
    itemIds: Array.from({ length: params.nItems }, (_, i) => `I${i}`),
    titles: Array.from({ length: params.nItems }, (_, i) => title(i)),
    modelUserOf: (id) => (id === BENCH_USER ? 0 : -1),
  };
}
