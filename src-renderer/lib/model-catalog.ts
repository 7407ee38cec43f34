// The models the UI offers and how it names them, all from the contract's catalogue (the model
// registry's pure half, core/model/catalog.ts): a model added there appears here with its title
// and settings, with no change to the views.
import { MODEL_CATALOG, settingUse, type ModelMeta } from '../../src-main/api/contract';

export type { ModelMeta };

/** The kinds in the catalogue's order, with the titles the paper uses. */
export const MODEL_CHOICES = MODEL_CATALOG.map((m) => ({ value: m.kind, label: m.title }));

/** The catalogue's first kind (item-level RUM): what the app opens on and the α sweep trains. */
export const DEFAULT_KIND: string = MODEL_CATALOG[0].kind;

export function metaOf(kind: string): ModelMeta | undefined {
  return MODEL_CATALOG.find((m) => m.kind === kind);
}

/** A model's title as the paper names it; the raw kind for one this UI does not know. */
export const modelTitle = (kind: string): string => metaOf(kind)?.title ?? kind;

/** Models that can be explained: those with a memory or embeddings to show (not MostPopular). */
export const explainable = (kind: string): boolean => metaOf(kind)?.explains ?? false;

export type Setting = Parameters<typeof settingUse>[1];

/**
 * How `kind` treats a setting: 'asked' (the form's value is used), a number (the model fixes it to
 * that), or 'unused' (the model has no such part). Unknown kinds use every setting.
 */
export function useOf(kind: string, setting: Setting): number | 'unused' | 'asked' {
  const meta = metaOf(kind);
  return meta ? settingUse(meta, setting) : 'asked';
}

/** A stored model's setting as a table cell shows it: its value, the value its kind fixes, or – when it has no use for it. */
export function settingCell(kind: string, setting: Setting, asked: number): string {
  const use = useOf(kind, setting);
  return use === 'unused' ? '–' : String(use === 'asked' ? asked : use);
}

/** Why a form field is not editable for `kind`, or null when it is. */
export function lockedBecause(kind: string, setting: Setting): string | null {
  const use = useOf(kind, setting);
  if (use === 'asked') return null;
  const title = modelTitle(kind);
  return use === 'unused' ? `${title} does not use it` : `${title} fixes it at ${use}`;
}
