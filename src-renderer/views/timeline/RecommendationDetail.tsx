import type { Recommendation } from '../../api/types';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { fmtPct, itemName } from '../../lib/format';
import { contributionBars, fmtPart } from '../../lib/score-bars';
import { LeaveOutDetail } from './LeaveOutDetail';
import { ContribBar, WithoutCell } from './SlotCells';
import './explain.css';

/** Where a recommendation was explained, so its Shapley values can be asked for when the step left them out. */
export interface ExplainedAt {
  modelId: number;
  user: string;
  step: number;
}

/** Why a slot's three numbers can disagree: shown under every slot table. */
export const WHY_THEY_DIFFER =
  'Contribution is the exact Shapley value: the purchase\u2019s effect on the logit averaged over every order in which the purchases could enter the memory; the contributions add up to the memory part. ' +
  'Attention and share can disagree with it, and removing a purchase can even raise the logit, because attention is renormalised: without a slot, its attention moves to the other slots.';

/**
 * Why one item scores as it does: each slot's contribution (its Shapley value, the main column),
 * with its attention, its additive share and the counterfactual beside it (the logit and rank
 * with that purchase removed). A step explains only its first recommendation's Shapley values
 * (they cost O(2^K) each); for another one, `at` says where to ask for them.
 */
export function RecommendationDetail({ rec, title, at }: { rec: Recommendation; title: string; at?: ExplainedAt }) {
  // Hooks first, the same on every render; a logit without parts is drawn by LeaveOutDetail below.
  const needs = rec.additive && rec.slots.length > 0 && rec.shapleyNote !== null && /not computed/.test(rec.shapleyNote) && at !== undefined;
  const more = useCall('explainStep', needs ? { modelId: at.modelId, user: at.user, step: at.step, top: 1, shapleyFor: 0, item: rec.item } : null);
  const full = needs && more.data?.candidate?.item === rec.item ? { ...rec, slots: more.data.candidate.slots, shapleyNote: more.data.candidate.shapleyNote } : rec;
  const shapley = full.slots.map((s) => s.shapley ?? 0);
  const bars = contributionBars(shapley);
  const hasShapley = full.slots.length > 0 && full.slots.every((s) => s.shapley !== null);
  if (!rec.additive) return <LeaveOutDetail rec={rec} title={title} />;
  return (
    <div className="detail" aria-label={title}>
      <h4>
        {title}: {itemName(rec)} <span className="muted small">({rec.item}, rank {rec.rank})</span>
      </h4>
      <p className="reason">{rec.reason}</p>
      <div className="muted small">
        logit {rec.logit.toFixed(4)} = intrinsic {fmtPart(rec.intrinsic)} + memory {fmtPart(rec.memory)}
      </div>
      {needs && more.loading && <Loading what="the Shapley values" />}
      {needs && more.error && <ErrorBox error={more.error} />}
      {full.slots.length > 0 && (
        <>
          <table className="table compact explain-table" aria-label={`Slot contributions for ${itemName(rec)}`} data-testid="slot-table" data-item={rec.item}>
            <thead>
              <tr>
                <th scope="col">Slot</th>
                <th scope="col">Earlier purchase</th>
                <th scope="col" className="num" title="exact Shapley value: average effect on the logit over all orders of the purchases">
                  Contribution
                </th>
                <th scope="col">
                  <span className="sr-only">Contribution bar (from zero)</span>
                </th>
                <th scope="col" className="num">Attention</th>
                <th scope="col" className="num" title="α z (m·q): the slot's term in the memory part">
                  Share
                </th>
                <th scope="col" className="wrap-num" title="the logit and rank re-scored with this slot removed">
                  Without it: logit, rank
                </th>
              </tr>
            </thead>
            <tbody>
              {full.slots.map((s, k) => {
                return (
                  <tr key={s.slot} data-testid="slot-row" data-slot={s.slot} data-shapley={s.shapley === null ? '' : String(s.shapley)}>
                    <td className="num muted">{s.slot}</td>
                    <td className="item-cell">{itemName(s)}</td>
                    <td className="num strong-num">{s.shapley === null ? '–' : fmtPart(s.shapley)}</td>
                    <td className="contrib-cell">
                      {s.shapley !== null && <ContribBar bar={bars.bars[k]} zero={bars.zero} negative={s.shapley < 0} />}
                    </td>
                    <td className="num">{fmtPct(s.attention)}</td>
                    <td className="num">{fmtPart(s.share)}</td>
                    <WithoutCell logit={s.withoutSlotLogit} rank={s.withoutSlotRank} from={rec.rank} />
                  </tr>
                );
              })}
            </tbody>
          </table>
          {!hasShapley && full.shapleyNote && <p className="muted small explain-note">Contribution: {full.shapleyNote}.</p>}
          <p className="muted small explain-note">{WHY_THEY_DIFFER}</p>
        </>
      )}
    </div>
  );
}
