import { writeFileSync } from 'node:fs';
import { modelSpec } from '../../../core/model/registry';
import { loadModel } from '../../../engine/loaded-model';
import type { Db } from '../../../store/db';
import { intOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';

/** Weights and config as plain JSON, so anyone can recompute a score by hand (docs/contract.md). */
export async function exportModelCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { model: { type: 'string' }, out: { type: 'string' } });
  if (values.model === undefined || values.out === undefined) throw new UsageError('usage: rum-workbench export-model --model ID --out FILE.json');
  const m = loadModel(db(), intOption(values.model, 'model', 0));
  const w = m.arrays.weights;
  const base = { model: m.record.kind, modelId: m.record.modelId, datasetId: m.record.datasetId, backend: m.record.backend, users: m.userIds, items: m.itemIds, titles: m.titles };
  // The model's own part (its parameters) comes from its registry entry; the effective settings
  // (BPR-MF is alpha 0, FPMC is K 1 alpha 1) sit next to the requested ones.
  const doc = { ...base, config: { ...m.record.config, ...w.config }, ...modelSpec(w.kind).exportJson(w) };
  writeFileSync(values.out, JSON.stringify(doc));
  emit(io, { out: values.out, modelId: m.record.modelId }, `wrote ${values.out}`);
}
