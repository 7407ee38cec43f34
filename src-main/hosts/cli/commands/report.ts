import { loadModel } from '../../../engine/loaded-model';
import { REPORT_FORMATS, writeReport, type ReportFormat } from '../../../report/write-report';
import type { Db } from '../../../store/db';
import { intOption, parseCommandArgs } from '../args';
import { emit, progressPrinter, UsageError, type Io } from '../output';

export async function reportCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, { model: { type: 'string' }, user: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
  if (v.model === undefined || v.user === undefined || v.format === undefined || v.out === undefined) {
    throw new UsageError('usage: rum-workbench report --model ID --user USER --format html|pdf|csv|json --out FILE');
  }
  if (!REPORT_FORMATS.includes(v.format as ReportFormat)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const model = loadModel(db(), intOption(v.model, 'model', 0));
  const show = progressPrinter(io, 'report');
  const started = performance.now();
  const bytes = await writeReport(model, v.user, v.format as ReportFormat, v.out, (done, total) => {
    if (total > 50) show(done / total, `step ${done} of ${total}`);
  });
  emit(io, { out: v.out, bytes, format: v.format, seconds: (performance.now() - started) / 1000 }, `wrote ${v.out} (${bytes} bytes)`);
}
