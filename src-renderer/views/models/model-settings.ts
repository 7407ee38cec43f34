import type { ModelInfo } from '../../api/types';

/** A model's settings in one short line, as the table's tooltip and the delete dialog name them. */
export function settingsLine(m: Pick<ModelInfo, 'kind' | 'config'>): string {
  const c = m.config;
  if (m.kind === 'pop') return `min ${c.minUserEvents} events/user`;
  const memory = m.kind === 'rum-item' ? `, K ${c.slots}, α ${c.alpha}` : '';
  return `D ${c.dim}${memory}, lr ${c.lr}, l2 ${c.l2}, ${c.negatives} neg., seed ${c.seed}, min ${c.minUserEvents} events/user`;
}
