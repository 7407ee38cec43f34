// Every model kind the workbench offers, as pure data (meta.ts), in the order lists and tables
// show them. Adding a model: its folder's meta here, and its spec in registry.ts (tsc refuses one
// without the other). The train settings take MODEL_KINDS from here, the contract and the
// renderer the whole catalogue, so none of them loads a model's code.
import { bprMeta, fpmcMeta, popMeta } from './baselines/meta';
import type { ModelMeta } from './meta';
import { rumItemMeta } from './rum-item/meta';
import { sasrecMeta } from './sasrec/meta';
import { rumFeatureMeta } from './rum-feature/meta';
import { gruMeta } from './gru/meta';

export const MODEL_CATALOG = [rumItemMeta, rumFeatureMeta, popMeta, bprMeta, fpmcMeta, gruMeta, sasrecMeta] as const satisfies readonly ModelMeta[];

type KindsOf<T extends readonly ModelMeta[]> = { -readonly [I in keyof T]: T[I]['kind'] };

/** The kinds, as a tuple of literals (zod's enum and the ModelKind type need one). */
export const MODEL_KINDS = MODEL_CATALOG.map((m: ModelMeta) => m.kind) as KindsOf<typeof MODEL_CATALOG>;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** A kind's meta, or undefined for a kind this workbench does not know. */
export function modelMeta(kind: string): ModelMeta | undefined {
  return MODEL_CATALOG.find((m) => m.kind === kind);
}
