import { fmtSigned } from '../../lib/format';
import { scoreSegments, type ScoreDomain, type ScoreParts } from '../../lib/score-bars';

/** One logit as two segments on a shared axis: intrinsic (long-term taste) then memory (recent purchases). */
export function ScoreBar({ parts, domain }: { parts: ScoreParts; domain: ScoreDomain }) {
  const s = scoreSegments(parts, domain);
  return (
    <div className="score-track" aria-label={`intrinsic ${fmtSigned(parts.intrinsic)}, memory ${fmtSigned(parts.memory)}`} role="img">
      <div className="seg intrinsic" style={{ left: `${s.intrinsic.left}%`, width: `${s.intrinsic.width}%` }} />
      <div className={`seg memory${parts.memory < 0 ? ' negative' : ''}`} style={{ left: `${s.memory.left}%`, width: `${s.memory.width}%` }} />
      <div className="zero" style={{ left: `${s.zero}%` }} />
    </div>
  );
}
