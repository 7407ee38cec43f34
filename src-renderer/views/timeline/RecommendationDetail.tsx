import type { Recommendation } from '../../api/types';
import { fmtPct, fmtSigned, itemName } from '../../lib/format';

/**
 * Why one item scores as it does: each slot's attention and additive share of the logit, and the
 * counterfactual — the logit and rank with that purchase removed — since attention alone is not
 * proof that a purchase mattered.
 */
export function RecommendationDetail({ rec, title }: { rec: Recommendation; title: string }) {
  const maxShare = Math.max(1e-12, ...rec.slots.map((s) => Math.abs(s.share)));
  return (
    <div className="detail" aria-label={title}>
      <h4>
        {title}: {itemName(rec)} <span className="muted small">({rec.item}, rank {rec.rank})</span>
      </h4>
      <p className="reason">{rec.reason}</p>
      <div className="muted small">
        logit {rec.logit.toFixed(4)} = intrinsic {rec.intrinsic.toFixed(4)} + memory {fmtSigned(rec.memory, 4)}
      </div>
      {rec.slots.length > 0 && (
        <div className="table-scroll">
          <table className="table compact" aria-label={`Slot shares for ${itemName(rec)}`}>
            <thead>
              <tr>
                <th scope="col">Slot</th>
                <th scope="col">Earlier purchase</th>
                <th scope="col" className="num">Attention</th>
                <th scope="col" className="num">Share of logit</th>
                <th scope="col">
                  <span className="sr-only">Share bar</span>
                </th>
                <th scope="col" className="num" title="logit re-scored with this slot removed">Without it: logit</th>
                <th scope="col" className="num" title="rank with this slot removed">rank</th>
              </tr>
            </thead>
            <tbody>
              {rec.slots.map((s) => {
                const moved = s.withoutSlotRank - rec.rank;
                return (
                  <tr key={s.slot}>
                    <td className="num muted">{s.slot}</td>
                    <td>{itemName(s)}</td>
                    <td className="num">{fmtPct(s.attention)}</td>
                    <td className="num">{fmtSigned(s.share, 4)}</td>
                    <td className="share-cell">
                      <div className={`share-bar${s.share < 0 ? ' negative' : ''}`} style={{ width: `${(Math.abs(s.share) / maxShare) * 100}%` }} />
                    </td>
                    <td className="num">{s.withoutSlotLogit.toFixed(4)}</td>
                    <td className={`num${moved > 0 ? ' worse' : moved < 0 ? ' better' : ''}`}>
                      {s.withoutSlotRank}
                      {moved !== 0 && <span className="small"> ({moved > 0 ? `↓${moved}` : `↑${-moved}`})</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
