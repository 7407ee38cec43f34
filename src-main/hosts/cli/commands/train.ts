import { DEFAULT_CONFIG, settingsFromText, type NumericSetting, type TrainConfig } from '../../../core/train/config';
import { trainJob } from '../../../jobs/train/train-job';
import type { Db } from '../../../store/db';
import { intOption, parseCommandArgs } from '../args';
import { emit, progressPrinter, UsageError, type Io } from '../output';

const TRAIN_OPTIONS = {
  dataset: { type: 'string' },
  model: { type: 'string', default: 'rum-item' },
  'min-user-events': { type: 'string' },
  dim: { type: 'string' },
  slots: { type: 'string' },
  alpha: { type: 'string' },
  beta: { type: 'string' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  l2: { type: 'string' },
  negatives: { type: 'string' },
  seed: { type: 'string' },
  'batch-size': { type: 'string' },
  patience: { type: 'string' },
  n: { type: 'string' },
  backend: { type: 'string' },
  threads: { type: 'string' },
  force: { type: 'boolean', default: false },
} as const;

/** Each training flag and the setting it sets; the values go to core's checks as typed. */
const SETTING_FLAGS = {
  model: 'model',
  'min-user-events': 'minUserEvents',
  dim: 'dim',
  slots: 'slots',
  alpha: 'alpha',
  beta: 'beta',
  epochs: 'epochs',
  lr: 'lr',
  l2: 'l2',
  negatives: 'negatives',
  seed: 'seed',
  'batch-size': 'batchSize',
  patience: 'patience',
  n: 'n',
  threads: 'threads',
} as const satisfies Partial<Record<keyof typeof TRAIN_OPTIONS, NumericSetting | 'model'>>;

export async function trainCommand(argv: string[], db: () => Db, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, TRAIN_OPTIONS);
  if (v.dataset === undefined) throw new UsageError('usage: rum-workbench train --dataset ID [--model rum-item] [--dim --slots --alpha ... --threads 1|2]');
  if (v.backend !== undefined && !['tensorflow', 'wasm', 'cpu'].includes(v.backend)) throw new UsageError('--backend must be tensorflow, wasm or cpu');
  const text: Partial<Record<NumericSetting | 'model', string>> = {};
  for (const [flag, name] of Object.entries(SETTING_FLAGS)) text[name] = v[flag as keyof typeof SETTING_FLAGS];
  const config: TrainConfig = { ...DEFAULT_CONFIG, ...settingsFromText(text) };
  const show = progressPrinter(io, 'train');
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const { model, cached } = await trainJob(db(), {
      datasetId: intOption(v.dataset, 'dataset', 0),
      config,
      force: v.force,
      backend: v.backend as 'wasm' | undefined,
      signal: ac.signal,
      onProgress: (p) => {
        const done = ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches);
        const val = p.validation !== undefined ? ` val NDCG@${config.n} ${p.validation.toFixed(4)}` : '';
        show(done, `epoch ${p.epoch}/${p.epochs} loss ${p.loss.toFixed(4)}${val} ~${Math.round(p.etaSeconds)} s left`);
      },
    });
    const m = model.metrics as { test: { metrics: Record<string, number>; users: number }; validation: unknown; bestEpoch: number };
    const result = {
      modelId: model.modelId,
      model: model.kind,
      datasetId: model.datasetId,
      backend: model.backend,
      seconds: model.seconds,
      epochs: model.epochs,
      bestEpoch: m.bestEpoch,
      cached,
      metrics: m.test.metrics,
      users: m.test.users,
      n: config.n,
      validation: m.validation,
      config: model.config,
    };
    const pct = (x: number) => `${(100 * x).toFixed(3)} %`;
    const t = m.test.metrics;
    emit(
      io,
      result,
      `${cached ? 'cached' : 'trained'} model ${model.modelId} (${model.kind}, ${model.backend}, ${model.epochs} epochs, ${model.seconds.toFixed(1)} s)\n` +
        `test @${config.n} over ${m.test.users} users: P ${pct(t.precision)}  R ${pct(t.recall)}  F1 ${pct(t.f1)}  HR ${pct(t.hr)}  NDCG ${pct(t.ndcg)}`,
    );
  } finally {
    process.off('SIGINT', onSigint);
  }
}
