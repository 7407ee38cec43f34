import { fmtPart, scoreSegments, type ScoreDomain, type ScoreParts } from '../../lib/score-bars';
import './explain.css';

/**
 * One logit as a diverging bar on a shared axis: intrinsic (long-term taste) and memory (recent
 * purchases) each drawn from zero, positive parts to the right and negative ones to the left,
 * stacked when on the same side, and a tick at the logit (their sum).
 */
export function ScoreBar({ parts, domain }: { parts: ScoreParts; domain: ScoreDomain }) {
  const s = scoreSegments(parts, domain);
  return (
    <div className="score-track" aria-label={`intrinsic ${fmtPart(parts.intrinsic, 3)}, memory ${fmtPart(parts.memory, 3)}, logit ${fmtPart(parts.intrinsic + parts.memory, 3)}`} role="img">
      <div className={`seg intrinsic${parts.intrinsic < 0 ? ' negative-part' : ''}`} style={{ left: `${s.intrinsic.left}%`, width: `${s.intrinsic.width}%` }} />
      <div className={`seg memory${parts.memory < 0 ? ' negative' : ''}`} style={{ left: `${s.memory.left}%`, width: `${s.memory.width}%` }} />
      <div className="zero" style={{ left: `${s.zero}%` }} />
      <div className="logit-tick" style={{ left: `${s.logit}%` }} title="logit" />
    </div>
  );
}
