import type { CliHost } from '../services';
import { intOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';

export async function evaluateCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { model: { type: 'string' }, n: { type: 'string', default: '5' } });
  if (values.model === undefined) throw new UsageError('usage: rum-workbench evaluate --model ID [--n 5]');
  const n = intOption(values.n, 'n', 5);
  if (n < 1) throw new UsageError('--n must be at least 1');
  const ev = await host.services().dispatch('evaluateModel', { modelId: intOption(values.model, 'model', 0), n });
  const m = ev.metrics;
  const pct = (x: number) => `${(100 * x).toFixed(3)} %`;
  emit(
    io,
    { modelId: ev.modelId, model: ev.kind, metrics: m, n, users: ev.users, backend: ev.backend, seconds: ev.seconds },
    `model ${ev.modelId} (${ev.kind}) @${n} over ${ev.users} users: P ${pct(m.precision)}  R ${pct(m.recall)}  F1 ${pct(m.f1)}  HR ${pct(m.hr)}  NDCG ${pct(m.ndcg)}`,
  );
}
