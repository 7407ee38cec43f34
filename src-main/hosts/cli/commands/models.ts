import { MODEL_CATALOG, settingUse, type ModelMeta } from '../../../api/contract';
import type { ModelInfo } from '../../../api/results';
import { NotFoundError } from '../../../api/errors';
import type { CliHost } from '../services';
import { intOption, parseCommandArgs } from '../args';
import { emit, type Io } from '../output';

/** One model as `models --json` lists it; the keys of docs/contract.md first, then a few more. */
export function modelListing(m: ModelInfo) {
  return {
    modelId: m.modelId,
    datasetId: m.datasetId,
    model: m.kind,
    config: m.config,
    metrics: m.test?.metrics ?? null,
    created: m.createdAt,
    n: m.test?.n ?? m.config.n,
    users: m.test?.users ?? null,
    backend: m.backend,
    epochs: m.epochs,
    seconds: m.seconds,
  };
}

export async function modelsCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { dataset: { type: 'string' } });
  const datasetId = values.dataset === undefined ? undefined : intOption(values.dataset, 'dataset', 0);
  const { dispatch } = host.services();
  // listModels answers [] for a dataset that is not there; a typo deserves to be told.
  if (datasetId !== undefined && !(await dispatch('listDatasets', {})).some((d) => d.datasetId === datasetId)) {
    throw new NotFoundError('dataset', datasetId);
  }
  const models = (await dispatch('listModels', { datasetId })).map(modelListing);
  const pct = (x: number | undefined) => (x === undefined ? '–' : `${(100 * x).toFixed(2)} %`);
  const human = models.length
    ? models
        .map((m) => {
          const c = m.config;
          // A kind with no embeddings (MostPopular) has no D, K or alpha worth printing.
          const settings = (MODEL_CATALOG as readonly ModelMeta[]).some((k) => k.kind === m.model && settingUse(k, 'dim') === 'unused') ? '' : ` D ${c.dim} K ${c.slots} alpha ${c.alpha} seed ${c.seed}`;
          return `${m.modelId}\tdataset ${m.datasetId}\t${m.model}${settings}\tF1@${m.n} ${pct(m.metrics?.f1)}  NDCG@${m.n} ${pct(m.metrics?.ndcg)}\t${m.created}`;
        })
        .join('\n')
    : `no models yet: rum-workbench train --dataset ID`;
  emit(io, { models }, human);
}
