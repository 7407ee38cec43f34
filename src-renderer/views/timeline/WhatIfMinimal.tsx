import type { Results } from '../../api/types';
import { itemName } from '../../lib/format';

type Minimal = NonNullable<Results['whatIf']['minimal']>;
type Purchase = NonNullable<Minimal['purchases']>[number];

const COUNT = ['', 'this purchase', 'these two purchases', 'these three purchases'];

/**
 * What holds a recommendation up: the smallest set of memory purchases whose removal takes it out
 * of the top N (engine/whatif.ts), in a sentence, with a button that makes those removals edits,
 * so the analyst sees the item leave the list; or, honestly, that no set within the limit does.
 */
export function WhatIfMinimal({ minimal: m, n, onRemove }: { minimal: Minimal; n: number; onRemove: (steps: number[]) => void }) {
  const named = (p: Purchase) => `${itemName(p)} (${p.realStep === null ? 'inserted' : `step ${p.realStep}`})`;
  const real = m.purchases?.every((p) => p.realStep !== null) ?? false;
  return (
    <p className="reason" data-testid="whatif-minimal" data-item={m.item} data-steps={m.purchases?.map((p) => p.realStep).join(' ') ?? ''} data-rank={m.rankWithout ?? ''}>
      {m.purchases ? (
        <>
          Without {COUNT[m.purchases.length] ?? `these ${m.purchases.length} purchases`}, {m.purchases.map(named).join(' and ')}, <strong>{itemName(m)}</strong> would not be recommended (rank {m.rankWithout}).{' '}
          {real && (
            <button type="button" className="link-btn small" onClick={() => onRemove(m.purchases!.map((p) => p.realStep!))}>
              remove {m.purchases.length === 1 ? 'it' : 'them'}
            </button>
          )}
        </>
      ) : (
        <>
          No set of up to {m.maxSize} memory purchases takes <strong>{itemName(m)}</strong> out of the top {n}
          {m.intrinsicKeepsIt ? ' (even its intrinsic part alone ranks it there)' : ''}: none within the limit.
        </>
      )}{' '}
      <span className="muted small">({m.checked} sets tried, smallest first; each removal re-read from the history.)</span>
    </p>
  );
}
