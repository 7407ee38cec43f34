import { IMPORT_FORMATS } from '../../../api/contract';
import type { CliHost } from '../services';
import { parseCommandArgs } from '../args';
import { emit, progressPrinter, UsageError, type Io } from '../output';
import { runCliJob } from '../run-job';

export const IMPORT_OPTIONS = {
  name: { type: 'string' },
  format: { type: 'string', default: 'auto' },
  columns: { type: 'string' },
  items: { type: 'string' },
  'skip-bad-rows': { type: 'boolean', default: false },
} as const;

/** The importer's progress (jobs/import): bytes read of the file's size, by phase. */
interface ImportProgress {
  phase: string;
  bytes: number;
  totalBytes: number;
}

export async function importCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, IMPORT_OPTIONS);
  if (positionals.length !== 1) throw new UsageError('usage: rum-workbench import FILE [--name N] [--format auto] [--columns ...] [--items TITLES] [--skip-bad-rows]');
  const format = IMPORT_FORMATS.find((f) => f === values.format);
  if (!format) throw new UsageError(`--format must be auto or one of ${IMPORT_FORMATS.filter((f) => f !== 'auto').join(', ')}`);
  const show = progressPrinter(io, 'import');
  const input = {
    source: { kind: 'path' as const, path: positionals[0] },
    itemsSource: values.items === undefined ? undefined : { kind: 'path' as const, path: values.items },
    name: values.name,
    format,
    columns: values.columns,
    skipBadRows: values['skip-bad-rows'],
  };
  const result = await runCliJob(host.services(), 'importDataset', input, ({ detail }) => {
    // Only a big file is worth a progress line.
    const p = detail as ImportProgress | undefined;
    if (p?.phase === 'reading' && p.totalBytes > 4 << 20) show(p.bytes / p.totalBytes, `${(p.bytes / 1e6).toFixed(0)} of ${(p.totalBytes / 1e6).toFixed(0)} MB`);
  });
  const skippedTotal = Object.values(result.skipped).reduce((a, b) => a + b, 0);
  const human = result.alreadyImported
    ? `already imported as dataset ${result.datasetId} "${result.name}" (same content): nothing added`
    : `imported dataset ${result.datasetId} "${result.name}" (${result.format}): ${result.users} users, ${result.items} items, ${result.events} events` +
      (skippedTotal ? `; skipped ${skippedTotal} rows (${Object.entries(result.skipped).map(([k, v]) => `${k} ${v}`).join(', ')})` : '') +
      (values.items ? `; ${result.titles} titles` : '');
  if (io.json && result.alreadyImported) io.err(`${human}\n`);
  emit(io, result, human);
}
