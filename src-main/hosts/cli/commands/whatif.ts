import type { WhatIfEdit } from '../../../api/results';
import { intOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';
import type { CliHost } from '../services';

const USAGE = 'usage: rum-workbench whatif --model ID --user USER --step T [--remove STEP]... [--insert ITEM@POS]... [--move FROM@TO]... [--top 5] [--minimal ITEM]';

/** ITEM@POS or FROM@TO: the text before the last @ and a whole number after it. */
function pair(text: string, flag: string): [string, number] {
  const at = text.lastIndexOf('@');
  const pos = at < 0 ? NaN : Number(text.slice(at + 1));
  if (at <= 0 || !Number.isInteger(pos) || text.slice(at + 1).trim() === '') throw new UsageError(`--${flag} takes ${flag === 'insert' ? 'ITEM@POS' : 'FROM@TO'} (a position is the step it goes just before), got "${text}"`);
  return [text.slice(0, at), pos];
}

export async function whatifCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, {
    model: { type: 'string' },
    user: { type: 'string' },
    step: { type: 'string' },
    remove: { type: 'string', multiple: true },
    insert: { type: 'string', multiple: true },
    move: { type: 'string', multiple: true },
    top: { type: 'string', default: '5' },
    minimal: { type: 'string' },
  });
  if (v.model === undefined || v.user === undefined) throw new UsageError(USAGE);
  const top = intOption(v.top, 'top', 5);
  if (top < 1 || top > 100) throw new UsageError(`--top must be a whole number from 1 to 100, got ${top}`);
  const edits: WhatIfEdit[] = [
    ...(v.remove ?? []).map((s) => ({ remove: intOption(s, 'remove', 0) })),
    ...(v.move ?? []).map((s) => {
      const [from, to] = pair(s, 'move');
      return { move: intOption(from, 'move', 0), to };
    }),
    ...(v.insert ?? []).map((s) => {
      const [item, at] = pair(s, 'insert');
      return { insert: item, at };
    }),
  ];
  const r = await host.services().dispatch('whatIf', {
    modelId: intOption(v.model, 'model', 0),
    user: v.user,
    step: v.step === undefined ? undefined : intOption(v.step, 'step', 0),
    top,
    edits,
    ...(v.minimal === undefined ? {} : { minimal: v.minimal }),
  });
  const name = (x: { item: string; title: string | null }) => (x.title ? `${x.title} (${x.item})` : x.item);
  // An item bought before the step in a history is not recommended there: "bought", and no arrow.
  const arrow = (m: { rankBefore: number; rankAfter: number; boughtBefore: boolean; boughtAfter: boolean }) =>
    m.boughtBefore || m.boughtAfter ? '' : m.rankAfter < m.rankBefore ? `↑${m.rankBefore - m.rankAfter}` : m.rankAfter > m.rankBefore ? `↓${m.rankAfter - m.rankBefore}` : '=';
  const lines = [
    `user ${r.user}, step ${r.step}, ${edits.length} edit${edits.length === 1 ? '' : 's'}: memory before ${r.before.memory.map((m) => m.item).join(' ')}; after ${r.after.memory.map((m) => m.item).join(' ')}`,
    ...r.moves.map((m) => `  ${(m.boughtBefore ? 'bought' : String(m.rankBefore)).padStart(6)} -> ${(m.boughtAfter ? 'bought' : String(m.rankAfter)).padEnd(6)} ${arrow(m).padEnd(5)} ${name(m)}`),
  ];
  if (r.minimal) {
    const m = r.minimal;
    lines.push(
      m.purchases
        ? `without ${m.purchases.map((p) => `${name(p)} (${p.realStep === null ? 'inserted' : `step ${p.realStep}`})`).join(' and ')}, ${name(m)} would rank ${m.rankWithout}: out of the top ${top}`
        : `no set of up to ${m.maxSize} memory purchases takes ${name(m)} out of the top ${top}${m.intrinsicKeepsIt ? ' (even its intrinsic part alone ranks it there)' : ''}`,
    );
  }
  emit(io, r, lines.join('\n'));
}
