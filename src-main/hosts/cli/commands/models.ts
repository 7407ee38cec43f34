import { InputError } from '../../../core/errors';
import { getDataset } from '../../../store/datasets';
import type { Db } from '../../../store/db';
import { listModels, type ModelRecord } from '../../../store/models';
import { intOption, parseCommandArgs } from '../args';
import { emit, type Io } from '../output';

type TestMetrics = { test?: { metrics: Record<string, number>; users: number; n: number } };

/** One model as `models --json` lists it; the keys of docs/contract.md first, then a few more. */
export function modelListing(m: ModelRecord) {
  const test = (m.metrics as TestMetrics).test;
  return {
    modelId: m.modelId,
    datasetId: m.datasetId,
    model: m.kind,
    config: m.config,
    metrics: test?.metrics ?? null,
    created: m.createdAt,
    n: test?.n ?? m.config.n,
    users: test?.users ?? null,
    backend: m.backend,
    epochs: m.epochs,
    seconds: m.seconds,
  };
}

export async function modelsCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { dataset: { type: 'string' } });
  const datasetId = values.dataset === undefined ? undefined : intOption(values.dataset, 'dataset', 0);
  if (datasetId !== undefined && !getDataset(db(), datasetId)) throw new InputError(`no dataset ${datasetId} (see: rum-workbench datasets)`);
  const models = listModels(db(), datasetId).map(modelListing);
  const pct = (x: number | undefined) => (x === undefined ? '–' : `${(100 * x).toFixed(2)} %`);
  const human = models.length
    ? models
        .map((m) => {
          const c = m.config;
          const settings = m.model === 'pop' ? '' : ` D ${c.dim} K ${c.slots} alpha ${c.alpha} seed ${c.seed}`;
          return `${m.modelId}\tdataset ${m.datasetId}\t${m.model}${settings}\tF1@${m.n} ${pct(m.metrics?.f1)}  NDCG@${m.n} ${pct(m.metrics?.ndcg)}\t${m.created}`;
        })
        .join('\n')
    : `no models yet: rum-workbench train --dataset ID`;
  emit(io, { models }, human);
}
