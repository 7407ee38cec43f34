import type { CliHost } from '../services';
import { intOption, parseCommandArgs } from '../args';
import { emit, progressPrinter, UsageError, type Io } from '../output';
import { runCliJob } from '../run-job';

const USAGE = 'usage: rum-workbench import-model --dataset ID --file MODEL.json';

/**
 * A model trained elsewhere (scale/train_rum.py, another workbench's export-model) into the store
 * (docs/contract.md, `import-model`): checked against the dataset, evaluated here, then stored.
 */
export async function importModelCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { dataset: { type: 'string' }, file: { type: 'string' } });
  if (values.dataset === undefined || values.file === undefined) throw new UsageError(USAGE);
  const show = progressPrinter(io, 'import-model');
  const r = await runCliJob(
    host.services(),
    'importModel',
    { datasetId: intOption(values.dataset, 'dataset', 0), source: { kind: 'path', path: values.file } },
    (p) => show(p.fraction, p.message),
  );
  const pct = (x: number) => `${(100 * x).toFixed(3)} %`;
  const t = r.test!;
  const rep = r.imported.reported;
  const lines = [
    `imported model ${r.modelId} (${r.kind}) on dataset ${r.datasetId} from ${r.imported.file}`,
    `  evaluated here @${t.n} over ${t.users} users: P ${pct(t.metrics.precision)}  R ${pct(t.metrics.recall)}  F1 ${pct(t.metrics.f1)}  HR ${pct(t.metrics.hr)}  NDCG ${pct(t.metrics.ndcg)}`,
    rep
      ? `  the file's own figures @${rep.n} over ${rep.users} users: HR ${pct(rep.metrics.hr)}  NDCG ${pct(rep.metrics.ndcg)}; largest difference ${r.imported.largestDifference!.toExponential(2)}`
      : '  the file gives no test figures of its own',
  ];
  emit(io, r, lines.join('\n'));
}
