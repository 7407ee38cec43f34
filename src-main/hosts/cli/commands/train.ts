import { TRAIN_BACKENDS, type Input } from '../../../api/contract';
import type { TrainProgress } from '../../../api/results';
import { DEFAULT_CONFIG } from '../../../core/train/config';
import type { CliHost } from '../services';
import { oneOf } from '../choices';
import { intOption, parseCommandArgs } from '../args';
import { emit, progressPrinter, UsageError, type Io } from '../output';
import { runCliJob } from '../run-job';

const TRAIN_OPTIONS = {
  dataset: { type: 'string' },
  model: { type: 'string' },
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
  gradients: { type: 'string' },
  force: { type: 'boolean', default: false },
} as const;

/** Each training flag and the contract's setting it sets; unset ones take core's defaults (DEFAULT_CONFIG). */
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
  gradients: 'gradients',
} as const satisfies Partial<Record<keyof typeof TRAIN_OPTIONS, keyof Input<'trainModel'>['settings']>>;

/**
 * A flag's text as the contract takes it: a number where it reads as one, else the text as typed,
 * so that the contract's check (core's settingProblem) quotes what the user wrote.
 */
function settingValue(text: string): number | string {
  const n = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isNaN(n) ? text : n;
}

export async function trainCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, TRAIN_OPTIONS);
  if (v.dataset === undefined) throw new UsageError(`usage: rum-workbench train --dataset ID [--model ${DEFAULT_CONFIG.model}] [--dim --slots --alpha ... --threads 1|2]`);
  const backend = TRAIN_BACKENDS.find((b) => b === v.backend);
  if (v.backend !== undefined && !backend) throw new UsageError(`--backend must be ${oneOf(TRAIN_BACKENDS)}`);
  // The settings go to the services as typed; the contract checks each one, with core's limits and words.
  const settings: Record<string, unknown> = {};
  for (const [flag, name] of Object.entries(SETTING_FLAGS)) {
    const text = v[flag as keyof typeof SETTING_FLAGS];
    if (text !== undefined) settings[name] = name === 'model' || name === 'gradients' ? text : settingValue(text);
  }
  const input = { datasetId: intOption(v.dataset, 'dataset', 0), settings, force: v.force, backend } as Input<'trainModel'>;
  const n = typeof settings.n === 'number' ? settings.n : DEFAULT_CONFIG.n;
  const show = progressPrinter(io, 'train');
  const model = await runCliJob(host.services(), 'trainModel', input, ({ fraction, detail }) => {
    const p = detail as TrainProgress | undefined;
    if (!p) return;
    const val = p.validation !== undefined ? ` val NDCG@${n} ${p.validation.toFixed(4)}` : '';
    show(fraction, `epoch ${p.epoch}/${p.epochs} loss ${p.loss.toFixed(4)}${val} ~${Math.round(p.etaSeconds)} s left`);
  });
  const test = model.test!;
  const result = {
    modelId: model.modelId,
    model: model.kind,
    datasetId: model.datasetId,
    backend: model.backend,
    seconds: model.seconds,
    epochs: model.epochs,
    bestEpoch: model.bestEpoch,
    cached: model.cached,
    metrics: test.metrics,
    users: test.users,
    n: model.config.n,
    validation: model.validationEvaluation,
    config: model.config,
  };
  const pct = (x: number) => `${(100 * x).toFixed(3)} %`;
  const t = test.metrics;
  emit(
    io,
    result,
    `${model.cached ? 'cached' : 'trained'} model ${model.modelId} (${model.kind}, ${model.backend}, ${model.epochs} epochs, ${model.seconds.toFixed(1)} s)\n` +
      `test @${model.config.n} over ${test.users} users: P ${pct(t.precision)}  R ${pct(t.recall)}  F1 ${pct(t.f1)}  HR ${pct(t.hr)}  NDCG ${pct(t.ndcg)}`,
  );
}
