import type { Segment } from '../../lib/score-bars';

/** A slot's value as a bar from zero (the contribution column of both slot tables). */
export function ContribBar({ bar, zero, negative }: { bar: Segment; zero: number; negative: boolean }) {
  return (
    <div className="contrib-track" aria-hidden="true">
      <div className={`bar${negative ? ' negative' : ''}`} style={{ left: `${bar.left}%`, width: `${bar.width}%` }} />
      <div className="zero" style={{ left: `${zero}%` }} />
    </div>
  );
}

/** The logit and rank without a slot, and how far the rank moves (both slot tables' last column). */
export function WithoutCell({ logit, rank, from }: { logit: number; rank: number; from: number }) {
  const moved = rank - from;
  return (
    <td className={`num${moved > 0 ? ' worse' : moved < 0 ? ' better' : ''}`}>
      {logit.toFixed(4)}, {rank}
      {moved !== 0 && <span className="small"> ({moved > 0 ? `↓${moved}` : `↑${-moved}`})</span>}
    </td>
  );
}
