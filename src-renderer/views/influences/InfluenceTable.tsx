import { useId } from 'react';
import type { InfluencePairJson } from '../../api/types';
import { fmtInt, fmtSigned } from '../../lib/format';
import { filterPairs } from './pair-filter';

interface Props {
  pairs: readonly InfluencePairJson[];
  query: string;
  onQuery: (q: string) => void;
  /** Column heading for the weight: what was summed. */
  weightLabel: string;
}

/** Rows drawn at most: a search narrows the rest down (the map keeps 1,000 pairs). */
const SHOWN = 300;

const name = (id: string, title: string | null) => (
  <>
    {title ?? id} <span className="muted small">{title ? id : ''}</span>
  </>
);

/** Every pair the map kept, strongest first, searchable by either item's id or title. */
export function InfluenceTable({ pairs, query, onQuery, weightLabel }: Props) {
  const id = useId();
  const rows = filterPairs(pairs, query);
  return (
    <div className="influence-table">
      <div className="inline-form">
        <label htmlFor={`${id}-q`}>Search pairs</label>
        <input id={`${id}-q`} type="search" value={query} placeholder="item id or title, e.g. camera" onChange={(e) => onQuery(e.target.value)} data-testid="influence-search" />
        <span className="muted small" aria-live="polite">
          {query.trim() ? `${fmtInt(rows.length)} of ${fmtInt(pairs.length)} pairs match` : `${fmtInt(pairs.length)} strongest pairs`}
          {rows.length > SHOWN ? `; the first ${SHOWN} shown` : ''}
        </span>
      </div>
      <div className="table-scroll influence-scroll">
        <table className="table" aria-label="Influence pairs, strongest first" data-testid="influence-table">
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">Earlier purchase</th>
              <th scope="col">Later purchase</th>
              <th scope="col" className="num">{weightLabel}</th>
              <th scope="col" className="num">Steps</th>
              <th scope="col" className="num">Per step</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map(({ pair: p, rank }) => (
              <tr key={`${p.from}>${p.to}`} data-testid="influence-row" data-rank={rank} data-from={p.from} data-to={p.to} data-weight={String(p.weight)} data-steps={p.steps}>
                <td className="num">{rank}</td>
                <td>{name(p.from, p.fromTitle)}</td>
                <td>{name(p.to, p.toTitle)}</td>
                <td className="num">{fmtSigned(p.weight, 3)}</td>
                <td className="num">{fmtInt(p.steps)}</td>
                <td className="num">{fmtSigned(p.weight / p.steps, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted small">No pair matches “{query}”.</p>}
      </div>
    </div>
  );
}
