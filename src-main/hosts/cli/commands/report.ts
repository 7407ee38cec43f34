import { REPORT_FORMATS } from '../../../api/contract';
import type { CliHost } from '../services';
import { intOption, parseCommandArgs } from '../args';
import { emit, progressPrinter, UsageError, type Io } from '../output';
import { runCliJob } from '../run-job';

export async function reportCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, { model: { type: 'string' }, user: { type: 'string' }, global: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' }, steps: { type: 'string' } });
  const usage = 'usage: rum-workbench report --model ID (--user USER | --global) --format html|pdf|csv|json --out FILE [--steps all|hits|misses|A-B]';
  if (v.model === undefined || (v.user === undefined) === (v.global !== true) || v.format === undefined || v.out === undefined) {
    throw new UsageError(v.user !== undefined && v.global ? `--user and --global exclude each other: a report is one user's or the whole model's\n${usage}` : usage);
  }
  const format = REPORT_FORMATS.find((f) => f === v.format);
  if (!format) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const modelId = intOption(v.model, 'model', 0);
  const show = progressPrinter(io, 'report');
  const started = performance.now();
  const result = await runCliJob(
    host.services(),
    'exportReport',
    { modelId, ...(v.user === undefined ? {} : { user: v.user }), format, path: v.out, ...(v.steps === undefined ? {} : { steps: v.steps }) },
    (p) => {
      // Only a long timeline is worth a progress line; a model report always is.
      const step = p.detail as { done: number; total: number } | undefined;
      if (v.global || (step && step.total > 50)) show(p.fraction, p.message);
    },
  );
  emit(io, { out: v.out, bytes: result.bytes, format, seconds: (performance.now() - started) / 1000 }, `wrote ${v.out} (${result.bytes} bytes)`);
}
