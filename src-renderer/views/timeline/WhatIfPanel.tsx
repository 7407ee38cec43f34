import { useEffect, useId, useState } from 'react';
import type { Results } from '../../api/types';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { ItemSearch } from '../../components/ItemSearch';
import { Loading } from '../../components/Status';
import { itemName } from '../../lib/format';
import './compare.css';

type WhatIf = Results['whatIf'];
type Edit = WhatIf['edits'][number];

/** How many of the latest purchases are offered for editing (the memory reads the last K). */
const SHOWN = 30;

interface Props {
  modelId: number;
  user: string;
  step: number;
  /** The purchases before the step, oldest first (the timeline's steps). */
  history: { step: number; item: string; title: string | null }[];
}

const editText = (e: Edit, name: (step: number) => string) =>
  'remove' in e ? `remove ${name(e.remove)}` : 'move' in e ? `move ${name(e.move)} to just before step ${e.to}` : `insert ${e.insert} just before step ${e.at}`;

/**
 * "What if this person had not bought that?": edits to the purchases before this step (kept for
 * this step only, undoable; the stored data never change), the model's new top N beside the old
 * with each item's rank move, and for a recommended item the smallest set of memory purchases
 * whose removal takes it out (the whatIf call, engine/whatif.ts).
 */
export function WhatIfPanel({ modelId, user, step, history }: Props) {
  const id = useId();
  const [edits, setEdits] = useState<Edit[]>([]);
  const [minimal, setMinimal] = useState<string | null>(null);
  const [insertAt, setInsertAt] = useState(step);
  // Edits belong to one step of one user's timeline.
  useEffect(() => {
    setEdits([]);
    setMinimal(null);
    setInsertAt(step);
  }, [modelId, user, step]);
  const call = useCall('whatIf', edits.length || minimal ? { modelId, user, step, edits, ...(minimal ? { minimal } : {}) } : null);
  const r = call.data;
  const removed = new Set(edits.flatMap((e) => ('remove' in e ? [e.remove] : [])));
  const shown = history.slice(-SHOWN);
  const name = (s: number) => {
    const h = history[s];
    return h ? `${itemName(h)} (step ${s})` : `step ${s}`;
  };
  const add = (e: Edit) => {
    setMinimal(null);
    setEdits((xs) => [...xs, e]);
  };
  return (
    <div className="whatif" data-testid="whatif">
      <p className="small muted">
        Edit the purchases before step {step}; the model re-reads the edited history exactly (nothing approximated). The stored data never change.
      </p>
      <div className="grid-2">
        <div>
          <h4>Purchases before this step{history.length > SHOWN ? ` (the last ${SHOWN})` : ''}</h4>
          <ol className="whatif-history">
            {shown.map((h) => (
              <li key={h.step} className={removed.has(h.step) ? 'removed' : ''} data-testid="whatif-purchase" data-step={h.step}>
                <span className="muted small">step {h.step}</span> {itemName(h)}{' '}
                <button type="button" className="link-btn" onClick={() => add({ remove: h.step })} disabled={removed.has(h.step)} aria-label={`Remove ${itemName(h)} (step ${h.step})`}>
                  remove
                </button>{' '}
                <button type="button" className="link-btn" onClick={() => add({ move: h.step, to: step })} disabled={removed.has(h.step) || h.step === step - 1} aria-label={`Move ${itemName(h)} (step ${h.step}) to last`}>
                  move last
                </button>
              </li>
            ))}
          </ol>
          <div className="inline-form">
            <ItemSearch modelId={modelId} label="Insert" onChoose={(item) => add({ insert: item, at: insertAt })} />
            <label htmlFor={`${id}-at`}>just before</label>
            <select id={`${id}-at`} value={insertAt} onChange={(e) => setInsertAt(Number(e.target.value))}>
              <option value={step}>step {step} (last)</option>
              {shown
                .slice()
                .reverse()
                .map((h) => (
                  <option key={h.step} value={h.step}>
                    step {h.step}
                  </option>
                ))}
            </select>
          </div>
          {edits.length > 0 && (
            <>
              <h4>Edits</h4>
              <ol className="small" data-testid="whatif-edits">
                {edits.map((e, k) => (
                  <li key={k}>{editText(e, name)}</li>
                ))}
              </ol>
              <button type="button" onClick={() => setEdits((xs) => xs.slice(0, -1))}>
                Undo
              </button>{' '}
              <button type="button" onClick={() => setEdits([])}>
                Reset
              </button>
            </>
          )}
        </div>
        <div>
          {call.error && <ErrorBox error={call.error} title="Cannot re-score this history" />}
          {call.loading && <Loading what="the edited history" />}
          {!r && !call.loading && <p className="muted small">Remove, move or insert a purchase to see the ranking move.</p>}
          {r && <Moves r={r} onMinimal={setMinimal} />}
        </div>
      </div>
    </div>
  );
}

function Moves({ r, onMinimal }: { r: WhatIf; onMinimal: (item: string) => void }) {
  // The smallest removal names purchases: a memory of latent features or without parts has none to name.
  const canAsk = r.after.memoryKind === 'purchases' && r.after.additive;
  const top = new Set(canAsk ? r.after.recommendations.map((x) => x.item) : []);
  return (
    <>
      <table className="table compact" data-testid="whatif-moves" aria-label="Rank before and after the edits">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">Before</th>
            <th scope="col" className="num">After</th>
            <th scope="col">
              <span className="sr-only">Why</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {r.moves.map((m) => {
            const d = m.rankBefore - m.rankAfter;
            return (
              <tr key={m.item} data-testid="whatif-move" data-item={m.item} data-before={m.rankBefore} data-after={m.rankAfter}>
                <td>{itemName(m)}</td>
                <td className="num">{m.rankBefore}</td>
                <td className={`num${d > 0 ? ' better' : d < 0 ? ' worse' : ''}`}>
                  {m.rankAfter} {d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : ''}
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
      {r.minimal && (
        <p className="reason" data-testid="whatif-minimal">
          {r.minimal.purchases
            ? `Without ${r.minimal.purchases.map((p) => `${p.title ?? p.item} (step ${p.step})`).join(' and ')}, ${r.minimal.title ?? r.minimal.item} would not be recommended (rank ${r.minimal.rankWithout}).`
            : `No set of up to ${r.minimal.maxSize} memory purchases takes ${r.minimal.title ?? r.minimal.item} out of the top ${r.after.recommendations.length}${r.minimal.intrinsicKeepsIt ? ': its intrinsic part alone keeps it there' : ''}.`}{' '}
          <span className="muted small">({r.minimal.checked} sets tried, smallest first.)</span>
        </p>
      )}
    </>
  );
}
