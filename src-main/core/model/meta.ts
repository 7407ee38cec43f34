// What the workbench may know about a model kind without loading its code: its name, which
// training settings it uses, fixes or has no use for, its loss, whether it explains. Pure data, so
// the settings checks (core/train/config.ts), the contract's catalogue and the renderer (through
// api/contract.ts) read it without pulling kernels or tfjs into their bundles. Each model folder
// has a meta.ts; catalog.ts lists them.

/**
 * The numeric training settings, named here rather than taken from TrainConfig because TrainConfig's
 * `model` is typed from the catalogue of these metas; core/train/config.ts checks the two lists agree.
 */
export type ModelSetting =
  | 'dim' | 'slots' | 'alpha' | 'beta' | 'epochs' | 'lr' | 'l2' | 'negatives' | 'batchSize' | 'seed'
  | 'minUserEvents' | 'trainPercent' | 'validationPercent' | 'validationUsers' | 'patience' | 'initScale' | 'n' | 'threads';

/** How a kind treats one setting: a number = fixed to it whatever was asked; 'unused' = the model has no such part. */
export type SettingUse = number | 'unused';

export interface ModelMeta {
  /** The id on the command line, in the store and in the contract. */
  readonly kind: string;
  /** The name the paper and the comparison tables use. */
  readonly title: string;
  /** One line for a chooser: what the model is. */
  readonly summary: string;
  /** Settings it fixes or ignores; a setting not listed is used as asked. */
  readonly settings: Readonly<Partial<Record<ModelSetting, SettingUse>>>;
  /** The loss its training step minimises; null when there is nothing to train (counts). */
  readonly loss: 'bce' | 'bpr' | null;
  /**
   * What its attention is over at a step: the purchases before it (item-level RUM, FPMC, SASRec),
   * latent memory slots (feature-level RUM), or nothing it could show (MostPopular, BPR-MF, a GRU).
   * Views that set two models side by side show each model's own, and say so when it has none.
   */
  readonly attends: 'purchases' | 'latent' | 'none';
  /** Whether explanations (score split, memory, attention, timeline) exist for it. */
  readonly explains: boolean;
  /** Whether `gradients: 'tfjs'` (autodiff instead of the fused kernel) is written for it. */
  readonly tfjsGradients: boolean;
}

/** The settings a kind fixes, as a partial config to lay over what was asked. */
export function fixedSettings(meta: ModelMeta): Partial<Record<ModelSetting, number>> {
  const out: Partial<Record<ModelSetting, number>> = {};
  for (const [name, use] of Object.entries(meta.settings)) if (typeof use === 'number') out[name as ModelSetting] = use;
  return out;
}

/** How `meta`'s kind treats `setting`: 'asked' when it uses the value given. */
export function settingUse(meta: ModelMeta, setting: ModelSetting): SettingUse | 'asked' {
  return meta.settings[setting] ?? 'asked';
}
