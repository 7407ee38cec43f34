import { useEffect, useId, useState } from 'react';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { ItemSearch } from '../../components/ItemSearch';
import { Loading } from '../../components/Status';
import { itemName } from '../../lib/format';
import { useWhatIfEdits, type WhatIfEdit } from './WhatIfEdits';
import { WhatIfResult } from './WhatIfResult';
import './compare.css';

/** How many of the latest purchases are offered for editing (the memory reads the last K). */
const SHOWN = 30;

interface Props {
  modelId: number;
  user: string;
  step: number;
  /** The purchases before the step, oldest first (the timeline's steps). */
  history: { step: number; item: string; title: string | null }[];
}

const editText = (e: WhatIfEdit, name: (step: number) => string, itemTitle: (item: string) => string) =>
  'remove' in e ? `remove ${name(e.remove)}` : 'move' in e ? `move ${name(e.move)} to just before step ${e.to}` : `insert ${itemTitle(e.insert)} just before step ${e.at}`;

/**
 * "What if this person had not bought that?": edits to the purchases before this step (kept per
 * step for the session, undoable: WhatIfEdits.ts; the stored data never change), the model's new
 * top N beside the old with each item's rank move, the new explanation, and for a recommended
 * item the smallest set of memory purchases whose removal takes it out (the whatIf call,
 * engine/whatif.ts).
 */
export function WhatIfPanel({ modelId, user, step, history }: Props) {
  const id = useId();
  const { edits, push, undo, reset } = useWhatIfEdits(modelId, user, step);
  // A smallest removal answers for one edited list, so it is kept with the edits it was asked for;
  // without edits nothing is asked until the analyst wants to see what holds the list up.
  const stepKey = JSON.stringify([modelId, user, step]);
  const editsKey = JSON.stringify([stepKey, edits]);
  const [minimalAsk, setMinimalAsk] = useState<{ item: string; key: string } | null>(null);
  const minimal = minimalAsk?.key === editsKey ? minimalAsk.item : null;
  const [askedAt, setAskedAt] = useState<string | null>(null);
  const asked = askedAt === stepKey;
  const [insertAt, setInsertAt] = useState(step);
  const [moveFrom, setMoveFrom] = useState<number | null>(null);
  const [moveTo, setMoveTo] = useState(step);
  const [titles, setTitles] = useState<Record<string, string>>({});
  useEffect(() => {
    setInsertAt(step);
    setMoveFrom(null);
    setMoveTo(step);
  }, [modelId, user, step]);
  const call = useCall('whatIf', edits.length || minimal || asked ? { modelId, user, step, edits: [...edits], ...(minimal ? { minimal } : {}) } : null);
  const r = call.data;
  const removed = new Set(edits.flatMap((e) => ('remove' in e ? [e.remove] : [])));
  const shown = history.slice(-SHOWN);
  const name = (s: number) => {
    const h = history[s];
    return h ? `${itemName(h)} (step ${s})` : `step ${s}`;
  };
  const positions = [{ step, label: `step ${step} (last)` }, ...shown.slice().reverse().map((h) => ({ step: h.step, label: `step ${h.step}` }))];
  const from = moveFrom ?? shown.find((h) => !removed.has(h.step))?.step ?? null;
  return (
    <div className="whatif" data-testid="whatif">
      <p className="small muted">
        Edit the purchases before step {step}; the model re-reads the edited history exactly (nothing approximated). Positions are the real steps: an inserted or moved purchase goes just before the one named and takes its time. The stored data never change.
      </p>
      <div className="grid-2">
        <div>
          <h4>Purchases before this step{history.length > SHOWN ? ` (the last ${SHOWN})` : ''}</h4>
          <ol className="whatif-history">
            {shown.map((h) => (
              <li key={h.step} className={removed.has(h.step) ? 'removed' : ''} data-testid="whatif-purchase" data-step={h.step}>
                <span className="muted small">step {h.step}</span> {itemName(h)}{' '}
                <button type="button" className="link-btn" onClick={() => push({ remove: h.step })} disabled={removed.has(h.step)} aria-label={`Remove ${itemName(h)} (step ${h.step})`}>
                  remove
                </button>{' '}
                <button type="button" className="link-btn" onClick={() => push({ move: h.step, to: step })} disabled={removed.has(h.step) || h.step === step - 1} aria-label={`Move ${itemName(h)} (step ${h.step}) to last`}>
                  move last
                </button>
              </li>
            ))}
          </ol>
          <div className="inline-form">
            <ItemSearch
              modelId={modelId}
              label="Insert"
              onChoose={(item, hit) => {
                if (hit.title) setTitles((t) => ({ ...t, [item]: hit.title! }));
                push({ insert: item, at: insertAt });
              }}
            />
            <label htmlFor={`${id}-at`}>just before</label>
            <select id={`${id}-at`} value={insertAt} onChange={(e) => setInsertAt(Number(e.target.value))}>
              {positions.map((p) => (
                <option key={p.step} value={p.step}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          {shown.length > 1 && from !== null && (
            <div className="inline-form">
              <label htmlFor={`${id}-from`}>Move</label>
              <select id={`${id}-from`} value={from} onChange={(e) => setMoveFrom(Number(e.target.value))}>
                {shown.map((h) => (
                  <option key={h.step} value={h.step} disabled={removed.has(h.step)}>
                    {name(h.step)}
                  </option>
                ))}
              </select>
              <label htmlFor={`${id}-to`}>just before</label>
              <select id={`${id}-to`} value={moveTo} onChange={(e) => setMoveTo(Number(e.target.value))}>
                {positions.map((p) => (
                  <option key={p.step} value={p.step}>
                    {p.label}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => push({ move: from, to: moveTo })} disabled={removed.has(from)}>
                Move
              </button>
            </div>
          )}
          {edits.length > 0 && (
            <>
              <h4>Edits</h4>
              <ol className="small" data-testid="whatif-edits">
                {edits.map((e, k) => (
                  <li key={k}>{editText(e, name, (item) => titles[item] ?? item)}</li>
                ))}
              </ol>
              <button type="button" onClick={undo}>
                Undo
              </button>{' '}
              <button type="button" onClick={reset}>
                Reset
              </button>
            </>
          )}
        </div>
        <div>
          {call.error && <ErrorBox error={call.error} title="Cannot re-score this history" />}
          {call.loading && <Loading what="the edited history" />}
          {!r && !call.loading && !call.error && (
            <p className="muted small">
              Remove, move or insert a purchase to see the ranking move, or{' '}
              <button type="button" className="link-btn" onClick={() => setAskedAt(stepKey)}>
                ask what holds the top recommendations up
              </button>
              .
            </p>
          )}
          {r && <WhatIfResult r={r} minimal={minimal} onMinimal={(item) => setMinimalAsk({ item, key: editsKey })} onRemove={(steps) => push(...steps.map((s) => ({ remove: s })))} />}
        </div>
      </div>
    </div>
  );
}
