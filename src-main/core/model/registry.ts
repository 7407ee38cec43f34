// Every model kind the workbench trains, one line each. Adding a model: a folder under
// core/model/ exporting its ModelSpec, and its line here.
import { bpr, fpmc, pop } from './baselines';
import type { ModelSpec } from './model';
import { rumItem } from './rum-item';

export const MODELS = {
  'rum-item': rumItem,
  pop,
  bpr,
  fpmc,
} as const satisfies Record<string, ModelSpec>;

export type RegisteredKind = keyof typeof MODELS;

/** The kinds in the registry's order (the order lists and tables show them in). */
export const REGISTERED_KINDS = Object.keys(MODELS) as RegisteredKind[];

export function modelSpec(kind: string): ModelSpec {
  const spec = (MODELS as Record<string, ModelSpec>)[kind];
  if (!spec) throw new Error(`unknown model kind "${kind}" (known: ${REGISTERED_KINDS.join(', ')})`);
  return spec;
}
