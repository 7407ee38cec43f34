import type { Results } from '../../api/types';
import { itemName } from '../../lib/format';
import { Recommendations } from './Recommendations';
import { WhatIfMinimal } from './WhatIfMinimal';

type WhatIf = Results['whatIf'];

interface Props {
  r: WhatIf;
  /** The item whose smallest removal is asked (it is in r.minimal once answered). */
  minimal: string | null;
  onMinimal: (item: string) => void;
  /** Adds removals of these real steps to the edits. */
  onRemove: (steps: number[]) => void;
}

/** The what-if's answer: each item's rank before and after, the edited history's explanation, and what holds a recommendation up. */
export function WhatIfResult({ r, minimal, onMinimal, onRemove }: Props) {
  // The smallest removal names purchases: a memory of latent features or without parts has none to name.
  const canAsk = r.after.memoryKind === 'purchases' && r.after.additive;
  const top = new Set(canAsk ? r.after.recommendations.map((x) => x.item) : []);
  return (
    <>
      <table className="table compact" data-testid="whatif-moves" aria-label="Rank before and after the edits">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Before
            </th>
            <th scope="col" className="num">
              After
            </th>
            <th scope="col">
              <span className="sr-only">Why</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {r.moves.map((m) => {
            // An item bought before the step in a history is not recommended there: no move to show.
            const d = m.boughtBefore || m.boughtAfter ? 0 : m.rankBefore - m.rankAfter;
            return (
              <tr key={m.item} data-testid="whatif-move" data-item={m.item} data-before={m.rankBefore} data-after={m.rankAfter}>
                <td>{itemName(m)}</td>
                <td className="num">{m.boughtBefore ? <Bought rank={m.rankBefore} /> : m.rankBefore}</td>
                <td className={`num${d > 0 ? ' better' : d < 0 ? ' worse' : ''}`} title={d > 0 ? `up ${d}` : d < 0 ? `down ${-d}` : undefined}>
                  {m.boughtAfter ? <Bought rank={m.rankAfter} /> : m.rankAfter} {d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : ''}
                </td>
                <td>
                  {top.has(m.item) && (
                    <button type="button" className="link-btn small" onClick={() => onMinimal(m.item)} title="the smallest set of memory purchases whose removal takes it out of the top N">
                      what holds it up?
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {r.minimal && <WhatIfMinimal minimal={r.minimal} n={r.after.recommendations.length} onRemove={onRemove} />}
      <section aria-label="The explanation after the edits" data-testid="whatif-after">
        <h4>After the edits</h4>
        <p className="muted small">
          Memory: {r.after.memory.length ? r.after.memory.map((m) => itemName(m)).join(' · ') : 'empty'}
          {canAsk ? ' · choose a recommendation to see what holds it up' : ''}
        </p>
        <Recommendations ex={r.after} selected={minimal} onSelect={(item) => canAsk && onMinimal(item)} />
      </section>
    </>
  );
}

/** A rank in a history where the item was bought before the step: not recommended there. */
function Bought({ rank }: { rank: number }) {
  return (
    <span className="muted" title={`bought before the step in this history, so not recommended; it would rank ${rank}`}>
      bought
    </span>
  );
}
