import { listDatasets } from '../../../store/datasets';
import type { Db } from '../../../store/db';
import { parseCommandArgs } from '../args';
import { emit, type Io } from '../output';

export async function datasetsCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  parseCommandArgs(argv, {});
  const datasets = listDatasets(db()).map((d) => ({
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
