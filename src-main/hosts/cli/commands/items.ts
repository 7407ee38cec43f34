import type { CliHost } from '../services';
import { intOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';

const USAGE = 'usage: rum-workbench items --model ID --query TEXT [--limit 20]';

/** Items of a model found by id or title, so a script (or a person) can name one for `explain --item`. */
export async function itemsCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, { model: { type: 'string' }, query: { type: 'string' }, limit: { type: 'string', default: '20' } });
  if (v.model === undefined || v.query === undefined) throw new UsageError(USAGE);
  const limit = intOption(v.limit, 'limit', 20);
  if (limit < 1 || limit > 200) throw new UsageError(`--limit must be a whole number from 1 to 200, got ${limit}`);
  if (!v.query.trim()) throw new UsageError(`--query cannot be empty\n${USAGE}`);
  const { items } = await host.services().dispatch('searchItems', { modelId: intOption(v.model, 'model', 0), query: v.query, limit });
  const width = Math.max(4, ...items.map((r) => r.item.length));
  const human = items.length
    ? [`${'item'.padEnd(width)}  ${'bought'.padStart(7)}  title`, ...items.map((r) => `${r.item.padEnd(width)}  ${String(r.popularity).padStart(7)}  ${r.title ?? '-'}`)].join('\n')
    : `no item of model ${v.model} has "${v.query}" in its id or title`;
  emit(io, { items }, human);
}
