import type { Result } from '../../../api/contract';
import { InputError } from '../../../core/errors';
import { deleteDataset, renameDataset } from '../../../store/datasets';
import type { Db } from '../../../store/db';
import { deleteModel } from '../../../store/models';
import { intOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';

// This process runs no jobs, so nothing of its own can be in use. A training in another process
// (the app) whose dataset goes finds it gone when it saves, and says so instead of saving.

export async function deleteModelCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { model: { type: 'string' } });
  if (values.model === undefined) throw new UsageError('usage: rum-workbench delete-model --model ID');
  const modelId = intOption(values.model, 'model', 0);
  const m = deleteModel(db(), modelId);
  if (!m) throw new InputError(`no model ${modelId} (see: rum-workbench models)`);
  emit(io, { deleted: { modelId, datasetId: m.datasetId, model: m.kind } } satisfies Result<'deleteModel'>, `deleted model ${modelId} (${m.kind}, dataset ${m.datasetId})`);
}

export async function deleteDatasetCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { dataset: { type: 'string' } });
  if (values.dataset === undefined) throw new UsageError('usage: rum-workbench delete-dataset --dataset ID');
  const datasetId = intOption(values.dataset, 'dataset', 0);
  const d = deleteDataset(db(), datasetId);
  if (!d) throw new InputError(`no dataset ${datasetId} (see: rum-workbench datasets)`);
  const models = d.models.length === 0 ? 'it had no models' : `and its ${d.models.length} model${d.models.length === 1 ? '' : 's'}: ${d.models.join(', ')}`;
  emit(io, { deleted: d } satisfies Result<'deleteDataset'>, `deleted dataset ${datasetId} ("${d.name}", ${d.events} events) ${models}`);
}

export async function renameDatasetCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { dataset: { type: 'string' }, name: { type: 'string' } });
  if (values.dataset === undefined || values.name === undefined) throw new UsageError('usage: rum-workbench rename-dataset --dataset ID --name NAME');
  const datasetId = intOption(values.dataset, 'dataset', 0);
  const d = renameDataset(db(), datasetId, values.name);
  if (!d) throw new InputError(`no dataset ${datasetId} (see: rum-workbench datasets)`);
  emit(io, { datasetId, name: d.name } satisfies Result<'renameDataset'>, `dataset ${datasetId} is now "${d.name}"`);
}
