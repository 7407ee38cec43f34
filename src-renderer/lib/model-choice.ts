// How the timeline's model picker names a model. One string for the option, the select's tooltip
// and the line under it, since a 220 px sidebar cuts the select's own text.
import { modelTitle, useOf } from './model-catalog';

export function modelChoiceLabel(m: { modelId: number; kind: string; config: { dim: number; slots: number; alpha: number } }): string {
  const parts = [`#${m.modelId} ${modelTitle(m.kind)}`];
  if (useOf(m.kind, 'dim') === 'asked') parts.push(`D ${m.config.dim}`);
  if (useOf(m.kind, 'slots') === 'asked') parts.push(`K ${m.config.slots}`);
  if (useOf(m.kind, 'alpha') === 'asked') parts.push(`α ${m.config.alpha}`);
  return parts.join(' · ');
}
