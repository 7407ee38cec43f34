import type { Recommendation } from '../../api/types';
import { fmtPct, itemName } from '../../lib/format';
import { contributionBars, fmtPart } from '../../lib/score-bars';
import { ContribBar, WithoutCell } from './SlotCells';
import './explain.css';

/**
 * Why one item scores as it does, for a model whose logit has no parts (SASRec): per purchase
 * read, how much logit the item loses when that purchase is left out of the history and the model
 * is run again (the main column), the attention on it, and the logit and rank without it. There is
 * no share or Shapley value to show: `rec.shapleyNote` says why, under the table.
 */
export function LeaveOutDetail({ rec, title }: { rec: Recommendation; title: string }) {
  const lost = rec.slots.map((s) => rec.logit - s.withoutSlotLogit);
  const bars = contributionBars(lost);
  return (
    <div className="detail" aria-label={title}>
      <h4>
        {title}: {itemName(rec)} <span className="muted small">({rec.item}, rank {rec.rank})</span>
      </h4>
      <p className="reason">{rec.reason}</p>
      <div className="muted small">logit {rec.logit.toFixed(4)}, all from the {rec.slots.length} purchases read (no intrinsic part)</div>
      {rec.slots.length > 0 && (
        <>
          <table className="table compact explain-table" aria-label={`Purchases left out for ${itemName(rec)}`} data-testid="slot-table" data-item={rec.item}>
            <thead>
              <tr>
                <th scope="col">Slot</th>
                <th scope="col">Earlier purchase</th>
                <th scope="col" className="num" title="the logit minus the logit with this purchase left out of the history (the model run again)">
                  Logit lost without it
                </th>
                <th scope="col">
                  <span className="sr-only">Bar (from zero)</span>
                </th>
                <th scope="col" className="num">Attention</th>
                <th scope="col" className="wrap-num" title="the logit and rank with this purchase left out of the history">
                  Without it: logit, rank
                </th>
              </tr>
            </thead>
            <tbody>
              {rec.slots.map((s, k) => {
                return (
                  <tr key={s.slot} data-testid="slot-row" data-slot={s.slot} data-lost={String(lost[k])}>
                    <td className="num muted">{s.slot}</td>
                    <td className="item-cell">{itemName(s)}</td>
                    <td className="num strong-num">{fmtPart(lost[k])}</td>
                    <td className="contrib-cell">
                      <ContribBar bar={bars.bars[k]} zero={bars.zero} negative={lost[k] < 0} />
                    </td>
                    <td className="num">{fmtPct(s.attention)}</td>
                    <WithoutCell logit={s.withoutSlotLogit} rank={s.withoutSlotRank} from={rec.rank} />
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rec.shapleyNote && <p className="muted small explain-note">{rec.shapleyNote}.</p>}
        </>
      )}
    </div>
  );
}
