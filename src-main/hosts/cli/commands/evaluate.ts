import { currentBackend } from '../../../engine/backend';
import { evaluateModel } from '../../../engine/evaluate-model';
import { loadModel } from '../../../engine/loaded-model';
import type { Db } from '../../../store/db';
import { intOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';

export async function evaluateCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { model: { type: 'string' }, n: { type: 'string', default: '5' } });
  if (values.model === undefined) throw new UsageError('usage: rum-workbench evaluate --model ID [--n 5]');
  const n = intOption(values.n, 'n', 5);
  if (n < 1) throw new UsageError('--n must be at least 1');
  const model = loadModel(db(), intOption(values.model, 'model', 0));
  const started = performance.now();
  const ev = await evaluateModel(model, n);
  const m = ev.metrics;
  const pct = (x: number) => `${(100 * x).toFixed(3)} %`;
  emit(
    io,
    { modelId: model.record.modelId, model: model.record.kind, metrics: m, n, users: ev.users, backend: currentBackend(), seconds: (performance.now() - started) / 1000 },
    `model ${model.record.modelId} (${model.record.kind}) @${n} over ${ev.users} users: P ${pct(m.precision)}  R ${pct(m.recall)}  F1 ${pct(m.f1)}  HR ${pct(m.hr)}  NDCG ${pct(m.ndcg)}`,
  );
}
