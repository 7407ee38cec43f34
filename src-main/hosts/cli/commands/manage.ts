import type { CliHost } from '../services';
import { intOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';

// This process runs no jobs, so nothing of its own can be in use. A training in another process
// (the app) whose dataset goes finds it gone when it saves, and says so instead of saving.
// An id that names nothing fails in the services; output.ts words it for the command line.

export async function deleteModelCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { model: { type: 'string' } });
  if (values.model === undefined) throw new UsageError('usage: rum-workbench delete-model --model ID');
  const modelId = intOption(values.model, 'model', 0);
  const result = await host.services().dispatch('deleteModel', { modelId });
  const m = result.deleted;
  emit(io, result, `deleted model ${modelId} (${m.model}, dataset ${m.datasetId})`);
}

export async function deleteDatasetCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { dataset: { type: 'string' } });
  if (values.dataset === undefined) throw new UsageError('usage: rum-workbench delete-dataset --dataset ID');
  const datasetId = intOption(values.dataset, 'dataset', 0);
  const result = await host.services().dispatch('deleteDataset', { datasetId });
  const d = result.deleted;
  const models = d.models.length === 0 ? 'it had no models' : `and its ${d.models.length} model${d.models.length === 1 ? '' : 's'}: ${d.models.join(', ')}`;
  emit(io, result, `deleted dataset ${datasetId} ("${d.name}", ${d.events} events) ${models}`);
}

export async function renameDatasetCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { dataset: { type: 'string' }, name: { type: 'string' } });
  if (values.dataset === undefined || values.name === undefined) throw new UsageError('usage: rum-workbench rename-dataset --dataset ID --name NAME');
  const datasetId = intOption(values.dataset, 'dataset', 0);
  const result = await host.services().dispatch('renameDataset', { datasetId, name: values.name });
  emit(io, result, `dataset ${datasetId} is now "${result.name}"`);
}
