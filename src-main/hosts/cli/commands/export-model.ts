import { writeFileSync } from 'node:fs';
import type { CliHost } from '../services';
import { intOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';

/** Weights and config as plain JSON, so anyone can recompute a score by hand (docs/contract.md). */
export async function exportModelCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { model: { type: 'string' }, out: { type: 'string' } });
  if (values.model === undefined || values.out === undefined) throw new UsageError('usage: rum-workbench export-model --model ID --out FILE.json');
  const doc = await host.services().dispatch('exportModel', { modelId: intOption(values.model, 'model', 0) });
  writeFileSync(values.out, JSON.stringify(doc));
  emit(io, { out: values.out, modelId: doc.modelId }, `wrote ${values.out}`);
}
