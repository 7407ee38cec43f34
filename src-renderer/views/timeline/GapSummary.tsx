import type { ExplainJson } from '../../api/types';
import { itemName } from '../../lib/format';
import { fmtPart } from '../../lib/score-bars';
import './explain.css';

const ordinal = (n: number) => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
};

/**
 * The why-not answer in numbers: the gap from the candidate's logit to the N-th recommendation's,
 * the memory part that would close it, and for each purchase in memory the dot m·q with the
 * candidate that, changed alone, would (the others and every other item's logit as they are).
 */
export function GapSummary({ ex }: { ex: ExplainJson }) {
  const c = ex.candidate;
  if (!c) return null;
  const g = c.gap;
  const name = itemName(c);
  if (c.alreadyBought) return <p className="gap-summary" data-testid="gap-summary">{name} was bought before this step: the model never recommends an item already bought.</p>;
  if (g.target === null || g.gap === null) return <p className="gap-summary" data-testid="gap-summary">Nothing is recommended at this step to compare with.</p>;
  const N = g.target.rank;
  if (g.gap <= 0) {
    return (
      <p className="gap-summary" data-testid="gap-summary" data-gap={String(g.gap)}>
        {name} ranks {ordinal(c.rank)}: already within the top {N}.
      </p>
    );
  }
  const rows = g.slots
    .map((s) => ({ ...s, change: s.dotNeeded === null ? Infinity : s.dotNeeded - s.dot, name: itemName(ex.memory[s.slot]) }))
    .sort((a, b) => a.change - b.change);
  return (
    <div className="gap-summary" data-testid="gap-summary" data-gap={String(g.gap)}>
      <p>
        {name} ranks {ordinal(c.rank)}: its logit {c.logit.toFixed(4)} is <strong>{g.gap.toFixed(4)}</strong> below the {ordinal(N)} recommendation
        ({itemName(g.target)}, {g.target.logit.toFixed(4)}). To enter the top {N} its memory part would have to rise from {fmtPart(c.memory)} to{' '}
        {fmtPart(g.memoryNeeded)}, the intrinsic part and every other item staying as they are.
      </p>
      {rows.length > 0 && (
        <table className="table compact explain-table" aria-label={`What would close the gap for ${name}`}>
          <thead>
            <tr>
              <th scope="col">Purchase in memory (slot)</th>
              <th scope="col" className="num">m·q now</th>
              <th scope="col" className="wrap-num">m·q needed, this slot alone</th>
              <th scope="col" className="num">change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.slot} data-testid="gap-row" data-slot={s.slot} data-needed={s.dotNeeded === null ? '' : String(s.dotNeeded)}>
                <td className="item-cell">
                  {s.name} <span className="muted">({s.slot})</span>
                </td>
                <td className="num">{fmtPart(s.dot)}</td>
                <td className="num">{s.dotNeeded === null ? '–' : fmtPart(s.dotNeeded)}</td>
                <td className="num">{s.dotNeeded === null ? 'none reaches it' : fmtPart(s.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
