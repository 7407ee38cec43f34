import type { CliHost } from '../services';
import { parseCommandArgs } from '../args';
import { emit, type Io } from '../output';

export async function datasetsCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  parseCommandArgs(argv, {});
  const rows = await host.services().dispatch('listDatasets', {});
  const datasets = rows.map((d) => ({
    datasetId: d.datasetId,
    name: d.name,
    users: d.users,
    items: d.items,
    events: d.events,
    source: d.sourceName,
    format: d.format,
    timeMin: d.timeMin,
    timeMax: d.timeMax,
    createdAt: d.createdAt,
  }));
  const human = datasets.length
    ? datasets.map((d) => `${d.datasetId}\t${d.name}\t${d.users} users\t${d.items} items\t${d.events} events`).join('\n')
    : 'no datasets yet: rum-workbench import FILE';
  emit(io, { datasets }, human);
}
