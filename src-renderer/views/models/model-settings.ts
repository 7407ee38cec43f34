import type { ModelInfo } from '../../api/types';
import { useOf, type Setting } from '../../lib/model-catalog';

// In the order the line names them; a setting the model fixes or does not use is left out.
const PARTS: [Setting, (v: number) => string][] = [
  ['dim', (v) => `D ${v}`],
  ['slots', (v) => `K ${v}`],
  ['alpha', (v) => `α ${v}`],
  ['lr', (v) => `lr ${v}`],
  ['l2', (v) => `l2 ${v}`],
  ['negatives', (v) => `${v} neg.`],
  ['seed', (v) => `seed ${v}`],
  ['minUserEvents', (v) => `min ${v} events/user`],
];

/** A model's settings in one short line, as the table's tooltip and the delete dialog name them. */
export function settingsLine(m: Pick<ModelInfo, 'kind' | 'config'>): string {
  return PARTS.filter(([name]) => useOf(m.kind, name) === 'asked')
    .map(([name, show]) => show(m.config[name]))
    .join(', ');
}
