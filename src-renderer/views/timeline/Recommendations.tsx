import type { ExplainJson, Recommendation } from '../../api/types';
import { fmtPct, itemName } from '../../lib/format';
import { fmtPart, scoreDomain } from '../../lib/score-bars';
import { ScoreBar } from './ScoreBar';

interface Props {
  ex: ExplainJson;
  selected: string | null;
  onSelect: (item: string) => void;
}

/** The top-N at this step: each logit split into its intrinsic and memory parts. Click one to see why. */
export function Recommendations({ ex, selected, onSelect }: Props) {
  const rows: Recommendation[] = ex.candidate ? [...ex.recommendations, ex.candidate] : ex.recommendations;
  const domain = scoreDomain(rows);
  const bought = ex.purchased?.item;
  return (
    <div>
      {ex.additive ? (
        <div className="legend small">
          <span className="key intrinsic" /> intrinsic p*·q <span className="key memory" /> memory α·Σ z(m·q) <span className="key logit-key" /> logit = sum <span className="muted">· each part drawn from 0, negative to the left · score σ = σ(logit)</span>
        </div>
      ) : (
        <div className="legend small">
          <span className="key memory" /> logit, all from the purchases read <span className="muted">(this model has no intrinsic part) · drawn from 0, negative to the left · score σ = σ(logit)</span>
        </div>
      )}
      <ol className="recs" aria-label="Top recommendations">
        {ex.recommendations.map((r) => (
          <li
            key={r.item}
            data-testid="recommendation"
            data-item={r.item}
            data-logit={String(r.logit)}
            className={`rec${r.item === selected ? ' selected' : ''}${r.item === bought ? ' hit' : ''}`}
          >
            <button type="button" className="rec-btn" onClick={() => onSelect(r.item)} aria-pressed={r.item === selected} aria-label={`Recommendation ${r.rank}: ${itemName(r)}`} title="Show why">
              <span className="rec-rank">{r.rank}</span>
              <span className="rec-name">
                <span className="rec-title">{itemName(r)}</span>
                <span className="muted small">
                  {r.item}
                  {r.item === bought && <span className="badge hit">bought at this step</span>}
                  {r.alreadyBought && <span className="badge">bought before</span>}
                </span>
              </span>
              <ScoreBar parts={r} domain={domain} />
              <span className="rec-num" title={`logit ${r.logit}; memory part ${r.memory}; score σ(logit) = ${r.score}`}>
                <span>
                  <span className="muted small">logit </span>
                  {r.logit.toFixed(3)}
                </span>
                <span className="muted small">
                  memory {fmtPart(r.memory, 2)} · score σ {fmtPct(r.score, 0)}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
