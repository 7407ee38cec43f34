import { FORMATS, type FormatName } from '../../../core/dataset/sniff';
import { importDataset } from '../../../jobs/import/import-dataset';
import type { Db } from '../../../store/db';
import { parseCommandArgs } from '../args';
import { emit, progressPrinter, UsageError, type Io } from '../output';

export const IMPORT_OPTIONS = {
  name: { type: 'string' },
  format: { type: 'string', default: 'auto' },
  columns: { type: 'string' },
  items: { type: 'string' },
  'skip-bad-rows': { type: 'boolean', default: false },
} as const;

export async function importCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, IMPORT_OPTIONS);
  if (positionals.length !== 1) throw new UsageError('usage: rum-workbench import FILE [--name N] [--format auto] [--columns ...] [--items TITLES] [--skip-bad-rows]');
  const format = values.format as FormatName | 'auto';
  if (format !== 'auto' && !FORMATS.includes(format)) throw new UsageError(`--format must be auto or one of ${FORMATS.join(', ')}`);
  const show = progressPrinter(io, 'import');
  const result = await importDataset(db(), {
    file: positionals[0],
    name: values.name,
    format,
    columns: values.columns,
    itemsFile: values.items,
    skipBadRows: values['skip-bad-rows'],
    onProgress: (p) => {
      if (p.phase === 'reading' && p.totalBytes > 4 << 20) show(p.bytes / p.totalBytes, `${(p.bytes / 1e6).toFixed(0)} of ${(p.totalBytes / 1e6).toFixed(0)} MB`);
    },
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
