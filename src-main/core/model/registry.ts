// Every model kind's code, one line each; its meta (name, settings) is listed in catalog.ts.
// Adding a model: a folder under core/model/ exporting its meta and its ModelSpec, the meta's
// line in catalog.ts and the spec's line here (docs/architecture.md, "How to add a model").
import { bpr, fpmc, pop } from './baselines';
import { MODEL_CATALOG, type ModelKind } from './catalog';
import type { ModelSpec } from './model';
import { rumItem } from './rum-item';
import { sasrec } from './sasrec';
import { rumFeature } from './rum-feature';
import { gru } from './gru';

/** Keyed by the catalogue's kinds: tsc refuses a kind in the catalogue without code here, or code for no kind. */
export const MODELS = {
  'rum-item': rumItem,
  'rum-feature': rumFeature,
  pop,
  bpr,
  fpmc,
  gru,
  sasrec,
} as const satisfies Record<ModelKind, ModelSpec>;

export type RegisteredKind = ModelKind;

/** The kinds in the catalogue's order (the order lists and tables show them in). */
export const REGISTERED_KINDS: readonly ModelKind[] = MODEL_CATALOG.map((m) => m.kind);

export function modelSpec(kind: string): ModelSpec {
  const spec = (MODELS as Record<string, ModelSpec>)[kind];
  if (!spec) throw new Error(`unknown model kind "${kind}" (known: ${REGISTERED_KINDS.join(', ')})`);
  return spec;
}
