import { writeFileSync } from 'node:fs';
import { loadModel } from '../../../engine/loaded-model';
import type { Db } from '../../../store/db';
import { intOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';

function rows(table: Float32Array, dim: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < table.length / dim; r++) out.push(Array.from(table.subarray(r * dim, (r + 1) * dim)));
  return out;
}

/** Weights and config as plain JSON, so anyone can recompute a score by hand (docs/contract.md). */
export async function exportModelCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { model: { type: 'string' }, out: { type: 'string' } });
  if (values.model === undefined || values.out === undefined) throw new UsageError('usage: rum-workbench export-model --model ID --out FILE.json');
  const m = loadModel(db(), intOption(values.model, 'model', 0));
  const w = m.arrays.weights;
  const base = { model: m.record.kind, modelId: m.record.modelId, datasetId: m.record.datasetId, backend: m.record.backend, users: m.userIds, items: m.itemIds, titles: m.titles };
  const doc =
    w.kind === 'pop'
      ? { ...base, config: m.record.config, itemPopularity: Array.from(w.counts) }
      : {
          ...base,
          // The effective settings (BPR-MF is alpha 0, FPMC is K 1 alpha 1) next to the requested ones.
          config: { ...m.record.config, ...w.params.config },
          formula: 'logit = p*_u . q_i + alpha * sum_k z_k (m_k . q_i), z = softmax_k(beta * q_i . m_k), m_k = q of the k-th of the last K purchases; score = sigmoid(logit)',
          itemEmbeddings: rows(w.params.item, w.params.config.dim),
          userEmbeddings: rows(w.params.user, w.params.config.dim),
        };
  writeFileSync(values.out, JSON.stringify(doc));
  emit(io, { out: values.out, modelId: m.record.modelId }, `wrote ${values.out}`);
}
