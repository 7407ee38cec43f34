// The training form: text fields → validated settings, with the contract's own zod schema, so the
// form rejects exactly what the host would (and names the field).
import { trainSettings } from '../../src-main/api/contract';
import type { Input } from '../api/types';
import { DEFAULT_KIND, useOf } from './model-catalog';

export type Settings = Input<'trainModel'>['settings'];
export type FieldName = 'model' | 'dim' | 'slots' | 'alpha' | 'beta' | 'epochs' | 'lr' | 'l2' | 'negatives' | 'seed' | 'minUserEvents';

/**
 * The paper's defaults (docs/model.md); beta and the optimiser settings are the project's choices.
 * They are the CLI's too (core/train/config.ts DEFAULT_CONFIG): the renderer may not import core,
 * so test/train-form-defaults.test.ts holds the two equal, and a model trained from the form
 * with nothing changed is the one `rum-workbench train` makes.
 */
export const PAPER_DEFAULTS: Record<FieldName, string> = {
  model: DEFAULT_KIND,
  dim: '32',
  slots: '20',
  alpha: '0.2',
  beta: '1',
  epochs: '100',
  lr: '0.005',
  l2: '0.0001',
  negatives: '1',
  seed: '1',
  minUserEvents: '10',
};

export const FIELD_LABELS: Record<FieldName, string> = {
  model: 'Model',
  dim: 'Dimension D',
  slots: 'Memory slots K',
  alpha: 'Memory weight α',
  beta: 'Attention strength β',
  epochs: 'Epochs (max)',
  lr: 'Learning rate',
  l2: 'L2 weight λ',
  negatives: 'Negatives per positive',
  seed: 'Seed',
  minUserEvents: 'Min events per user',
};

/**
 * The form as it is sent. A field the chosen model fixes or does not use is locked in the form;
 * it keeps its text when that is a number (so the settings sent, and the cache of trained models,
 * are what they were), and otherwise falls back to the default, since it cannot be corrected.
 */
export function formForModel(form: Record<FieldName, string>): Record<FieldName, string> {
  const out = { ...form };
  for (const k of Object.keys(form) as FieldName[]) {
    if (k === 'model' || useOf(form.model, k) === 'asked') continue;
    const t = form[k].trim();
    if (t === '' || !Number.isFinite(Number(t))) out[k] = PAPER_DEFAULTS[k];
  }
  return out;
}

export type ParseResult = { ok: true; settings: Settings } | { ok: false; errors: Partial<Record<FieldName, string>> };

export function parseTrainForm(form: Record<FieldName, string>): ParseResult {
  const errors: Partial<Record<FieldName, string>> = {};
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form) as [FieldName, string][]) {
    if (k === 'model') {
      raw.model = v;
      continue;
    }
    const t = v.trim();
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) errors[k] = 'a number is needed';
    else raw[k] = n;
  }
  const r = trainSettings.safeParse(raw);
  if (!r.success) {
    for (const issue of r.error.issues) {
      const k = issue.path[0] as FieldName;
      errors[k] ??= issue.message;
    }
  }
  return Object.keys(errors).length > 0 || !r.success ? { ok: false, errors } : { ok: true, settings: r.data };
}

/** "0, 0.1, 0.2" → numbers, or an error message. */
export function parseAlphas(text: string): { ok: true; alphas: number[] } | { ok: false; error: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, error: 'give at least one α' };
  if (parts.length > 20) return { ok: false, error: 'at most 20 values' };
  const alphas = parts.map(Number);
  const bad = parts.find((p, k) => !Number.isFinite(alphas[k]) || alphas[k] < 0 || alphas[k] > 10);
  if (bad !== undefined) return { ok: false, error: `"${bad}" is not a number between 0 and 10` };
  return { ok: true, alphas: [...new Set(alphas)].sort((a, b) => a - b) };
}
