import { InputError } from '../errors';
import { MODEL_KINDS, modelMeta, type ModelKind } from '../model/catalog';
import { fixedSettings, type ModelSetting } from '../model/meta';

// Every training setting in one typed place, each with its default and a one-line meaning
// (RecBole's habit). Paper defaults are marked; the rest are our choices (docs/model.md).

// The kinds come from the model catalogue (core/model/catalog.ts), the one place they are named.
export { MODEL_KINDS, type ModelKind };

export interface TrainConfig {
  /** Which model: item-level RUM, or a baseline of the paper's Table 2. */
  model: ModelKind;
  /** Embedding dimension D (paper grid 10..50). */
  dim: number;
  /** Memory slots K: how many recent purchases the memory holds (paper: 20). */
  slots: number;
  /** Weight of the memory embedding in p_u = p*_u + alpha p^m_u (paper: 0.2; 0 = plain MF). */
  alpha: number;
  /** Attention strength beta in z = softmax(beta w) (paper: unspecified; our choice). */
  beta: number;
  /** Most passes over the training examples; early stopping usually ends sooner. */
  epochs: number;
  /** Adam learning rate (Adam is our choice; the paper used SGD). */
  lr: number;
  /** L2 weight lambda on every embedding row a batch touches (paper grid .1 .. .0001). */
  l2: number;
  /** Uniformly sampled negatives per positive, from items the user never bought (paper: 1). */
  negatives: number;
  /** Examples per optimiser step. */
  batchSize: number;
  /** Seed for initialisation, shuffling and negative sampling. */
  seed: number;
  /** Users with fewer events are left out (paper: 10). */
  minUserEvents: number;
  /** Share of each user's time-ordered events used for training, in percent (paper: 70). */
  trainPercent: number;
  /** Share of each user's training part, at its end, held out to choose the epoch (percent). */
  validationPercent: number;
  /** Most users ranked for validation after each epoch (a seeded sample; full ranking is the slow part). */
  validationUsers: number;
  /**
   * Epochs without a better validation NDCG before training stops. 10, not 3: on the small
   * Amazon file a validation slice of one item per user is noisy, and patience 3 stopped at
   * epoch 4-8 with HR@5 0.02-0.04; patience 10 trains 20-70 epochs and reaches 0.10-0.12 (RUM)
   * and 0.05-0.07 (BPR-MF), as an independent implementation does.
   */
  patience: number;
  /** Standard deviation of the initial embeddings. */
  initScale: number;
  /** Recommendation list length N for validation and the stored metrics (paper: 5). */
  n: number;
  /**
   * How the RUM family's gradients are computed: 'kernel' the fused JS kernel (float64 sums, the
   * reference), 'wasm' the same kernel on WebAssembly SIMD (float32, several times faster,
   * rum-item/kernel-wasm.ts), 'tfjs' tfjs autodiff (same maths, for checks and benchmarks).
   * The other kinds train with their own kernels whatever it says.
   */
  gradients: 'kernel' | 'wasm' | 'tfjs';
  /** Training threads, 1 or 2: 2 trains faster but is not bit-for-bit reproducible, since updates interleave. */
  threads: number;
}

export const DEFAULT_CONFIG: TrainConfig = {
  // The catalogue's first kind, item-level RUM (core/model/catalog.ts).
  model: MODEL_KINDS[0],
  dim: 32,
  slots: 20,
  alpha: 0.2,
  beta: 1,
  epochs: 100,
  lr: 0.005,
  l2: 1e-4,
  negatives: 1,
  batchSize: 512,
  seed: 1,
  minUserEvents: 10,
  trainPercent: 70,
  validationPercent: 10,
  validationUsers: 1000,
  patience: 10,
  initScale: 0.1,
  n: 5,
  // The WebAssembly SIMD kernel: about 7x the JS kernel's examples/s (BENCHMARKS.md), the same
  // gradients to float32 rounding (kernel-wasm.test.ts), and one thread still reproduces a seed
  // bit for bit. 'kernel' (the JS reference) stays a setting.
  gradients: 'wasm',
  threads: 1,
};

/**
 * The settings a model actually trains with: the asked ones with those its kind fixes laid over
 * them (each model folder's meta.ts; e.g. BPR-MF is RUM with alpha = 0 and K = 0, FPMC K = 1 and alpha = 1,
 * docs/model.md "Baselines"). Settings a kind has no use for stay as asked.
 */
export function effectiveConfig(config: TrainConfig): TrainConfig {
  const meta = modelMeta(config.model);
  return meta ? { ...config, ...fixedSettings(meta) } : config;
}

/** The loss a kind trains on; null for a kind with nothing to train (MostPopular). */
export function lossOf(kind: ModelKind): 'bce' | 'bpr' | null {
  return modelMeta(kind)!.loss;
}

/** The values of the gradients setting. */
export const GRADIENTS = ['kernel', 'wasm', 'tfjs'] as const satisfies readonly TrainConfig['gradients'][];

/** What is wrong with a gradients value, in the words every entry point uses; undefined when it is one. */
export function gradientsProblem(v: unknown): string | undefined {
  return (GRADIENTS as readonly unknown[]).includes(v) ? undefined : `gradients must be ${GRADIENTS.join(', ')}, got ${typeof v === 'string' ? v : JSON.stringify(v)}`;
}

/** The settings that are numbers (all but model and gradients). */
export type NumericSetting = { [K in keyof TrainConfig]: TrainConfig[K] extends number ? K : never }[keyof TrainConfig];

export interface SettingLimit {
  /** True when only whole numbers make sense (counts, sizes, seeds). */
  whole: boolean;
  min: number;
  max: number;
}

/**
 * The one set of limits. The contract's zod schema (api/contract.ts), the training form, the
 * CLI and the trainer all check a setting here, so they refuse the same values with the same
 * words. The upper bounds are not the model's: they stop a typo (dim 32000, epochs 1e6) from
 * starting a job that would run for days or exhaust memory.
 */
export const SETTING_LIMITS: { readonly [K in NumericSetting]: SettingLimit } = {
  dim: { whole: true, min: 1, max: 512 },
  slots: { whole: true, min: 0, max: 200 },
  alpha: { whole: false, min: -100, max: 100 },
  beta: { whole: false, min: 0, max: 1000 },
  epochs: { whole: true, min: 1, max: 1000 },
  lr: { whole: false, min: 1e-8, max: 10 },
  l2: { whole: false, min: 0, max: 10 },
  negatives: { whole: true, min: 1, max: 100 },
  batchSize: { whole: true, min: 1, max: 65_536 },
  seed: { whole: true, min: 0, max: 2 ** 31 - 1 },
  minUserEvents: { whole: true, min: 2, max: 10_000 },
  trainPercent: { whole: false, min: 1, max: 99 },
  validationPercent: { whole: false, min: 0, max: 50 },
  validationUsers: { whole: true, min: 1, max: 10_000_000 },
  patience: { whole: true, min: 1, max: 1000 },
  initScale: { whole: false, min: 1e-6, max: 10 },
  n: { whole: true, min: 1, max: 100 },
  // The helper thread is one extra worker; more would contend for the same shared rows.
  threads: { whole: true, min: 1, max: 2 },
};

// The model metas name the same settings (core/model/meta.ts); this line fails to compile when the lists part.
const settingsAgree: [NumericSetting] extends [ModelSetting] ? ([ModelSetting] extends [NumericSetting] ? true : never) : never = true;
void settingsAgree;

export const NUMERIC_SETTINGS = Object.keys(SETTING_LIMITS) as NumericSetting[];

const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Why `value` cannot be setting `name`, or undefined when it can. */
export function settingProblem(name: NumericSetting, value: unknown): string | undefined {
  const { whole, min, max } = SETTING_LIMITS[name];
  const ok = typeof value === 'number' && Number.isFinite(value) && (!whole || Number.isInteger(value)) && value >= min && value <= max;
  return ok ? undefined : `${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${shown(value)}`;
}

/** Why `value` is not a model kind, or undefined when it is. */
export function modelProblem(value: unknown): string | undefined {
  return MODEL_KINDS.includes(value as ModelKind) ? undefined : `model must be one of ${MODEL_KINDS.join(', ')}, got ${shown(value)}`;
}

/**
 * Settings typed as text (a command line, a form field) checked and turned into numbers. A
 * value that is not a number stays as typed, so the message quotes what the user wrote.
 */
export function settingsFromText(text: Partial<Record<NumericSetting | 'model', string>>): Partial<TrainConfig> {
  const settings: Record<string, unknown> = {};
  for (const [name, t] of Object.entries(text)) {
    if (t === undefined) continue;
    if (name === 'model') {
      const problem = modelProblem(t);
      if (problem) throw new InputError(problem);
      settings.model = t;
      continue;
    }
    const n = t.trim() === '' ? Number.NaN : Number(t);
    const problem = settingProblem(name as NumericSetting, Number.isNaN(n) ? t : n);
    if (problem) throw new InputError(problem);
    settings[name] = n;
  }
  return settings as Partial<TrainConfig>;
}

/** Refuses settings that cannot train, naming the setting. */
export function validateConfig(c: TrainConfig): void {
  const model = modelProblem(c.model);
  if (model) throw new InputError(model);
  for (const name of NUMERIC_SETTINGS) {
    const problem = settingProblem(name, c[name]);
    if (problem) throw new InputError(problem);
  }
  const gradients = gradientsProblem(c.gradients);
  if (gradients) throw new InputError(gradients);
  if (c.gradients === 'tfjs' && !modelMeta(c.model)!.tfjsGradients) {
    const with_ = MODEL_KINDS.filter((k) => modelMeta(k)!.tfjsGradients).join(', ');
    throw new InputError(`gradients = tfjs is written for ${with_} only (the BPR loss lives in the kernel)`);
  }
  // The helper thread runs a fused kernel; tfjs autodiff exists to check it, not to be fast.
  if (c.threads > 1 && c.gradients === 'tfjs') throw new InputError('threads = 2 needs gradients = kernel or wasm');
}
