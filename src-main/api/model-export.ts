import { modelSpec } from '../core/model/registry';
import type { LoadedModel } from '../engine/loaded-model';
import type { ModelExport } from './results';

/**
 * A loaded model as exportModel answers it. The model's own part (its parameters) comes from its
 * registry entry; the effective settings (BPR-MF is alpha 0, FPMC is K 1 alpha 1) sit next to
 * the requested ones.
 */
export function modelExport(m: LoadedModel): ModelExport {
  const w = m.arrays.weights;
  return {
    model: m.record.kind,
    modelId: m.record.modelId,
    datasetId: m.record.datasetId,
    backend: m.record.backend,
    users: m.userIds,
    items: m.itemIds,
    titles: m.titles,
    config: { ...m.record.config, ...w.config },
    ...modelSpec(w.kind).exportJson(w),
  };
}
