import { useState } from 'react';
import type { ModelInfo, Results } from '../../api/types';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { fmtFixed, fmtPct, fmtSigned, itemName } from '../../lib/format';
import { modelTitle } from '../../lib/model-catalog';
import './compare.css';

type Compare = Results['compareStep'];
type Side = Compare['a'];

interface Props {
  modelId: number;
  /** The dataset's models: the other one is chosen among them. */
  models: ModelInfo[];
  user: string;
  step: number;
}

const label = (m: ModelInfo) => `#${m.modelId} ${modelTitle(m.kind)} (seed ${m.config.seed})`;

/**
 * This model beside another of the same dataset at the same user and step: both top-N lists with
 * the items only one of them has marked, each model's attention (purchases, latent slots, or a
 * note that it has none), and for every differing item what each model says about it.
 */
export function ComparePanel({ modelId, models, user, step }: Props) {
  const others = models.filter((m) => m.modelId !== modelId);
  const [other, setOther] = useState<number | null>(null);
  const chosen = others.some((m) => m.modelId === other) ? other : null;
  const { data, error, loading } = useCall('compareStep', chosen !== null ? { modelId, otherModelId: chosen, user, step, top: 5 } : null);
  const c = data && data.user === user && data.step === step && data.b.modelId === chosen ? data : undefined;
  if (others.length === 0) return <p className="muted small">Train another model on this dataset (Models tab) to set the two side by side.</p>;
  return (
    <div className="compare" data-testid="compare">
      <label className="small">
        Compare with{' '}
        <select value={chosen ?? ''} onChange={(e) => setOther(e.target.value ? Number(e.target.value) : null)} aria-label="Model to compare with">
          <option value="">choose a model…</option>
          {others.map((m) => (
            <option key={m.modelId} value={m.modelId}>
              {label(m)}
            </option>
          ))}
        </select>
      </label>
      {error && <ErrorBox error={error} />}
      {loading && chosen !== null && <Loading what="both models' recommendations" />}
      {c && (
        <>
          <p className="small muted">
            Step {step}
            {c.purchased ? (
              <>
                , before buying <strong>{itemName(c.purchased)}</strong>
              </>
            ) : null}
            : {c.both.length} of the top {c.top} in common; marked items are in one list only.
          </p>
          <div className="compare-sides">
            <SideView side={c.a} only={new Set(c.onlyA)} bought={c.purchased?.item ?? null} />
            <SideView side={c.b} only={new Set(c.onlyB)} bought={c.purchased?.item ?? null} />
          </div>
          {c.onlyA.length + c.onlyB.length > 0 && <Differing c={c} />}
        </>
      )}
    </div>
  );
}

function SideView({ side, only, bought }: { side: Side; only: Set<string>; bought: string | null }) {
  return (
    <section className="compare-side" data-testid={`compare-side-${side.modelId}`} aria-label={`${side.title} #${side.modelId}`}>
      <h4>
        {side.title} <span className="muted">#{side.modelId}</span>
      </h4>
      <ol className="compare-top">
        {side.top.map((r) => (
          <li key={r.item} className={only.has(r.item) ? 'only' : undefined} data-item={r.item} title={`${r.item}: logit ${fmtFixed(r.logit, 4)}`}>
            <span className="compare-name">{itemName(r)}</span>
            {r.item === bought && <span className="tag"> bought</span>}
            <span className="num muted"> {fmtFixed(r.logit, 3)}</span>
          </li>
        ))}
      </ol>
      <h5>Attention for its first recommendation</h5>
      {side.attention && side.attention.length > 0 ? (
        <ul className="compare-attn">
          {side.attention.map((a) => (
            <li key={a.slot} title={a.step === null ? `latent slot ${a.slot}` : `step ${a.step}: ${a.item}`}>
              <span className="compare-name">{a.step === null ? `latent slot ${a.slot}` : `${a.step}: ${itemName({ item: a.item ?? '', title: a.title })}`}</span>
              <span className="attn-bar" aria-hidden>
                <span style={{ width: `${Math.max(0, Math.min(1, a.weight)) * 100}%` }} />
              </span>
              <span className="num">{fmtPct(a.weight)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{side.note ?? 'no purchases in memory at this step'}</p>
      )}
      {side.note && side.attention && <p className="muted small">{side.note}</p>}
    </section>
  );
}

/** For each item only one model recommends: its rank in both, and the purchase each RUM model credits most (Shapley). */
function Differing({ c }: { c: Compare }) {
  const rows = [...c.onlyA, ...c.onlyB];
  const why = (side: Side, item: string) => {
    const v = side.differing.find((d) => d.item === item);
    if (!v) return { rank: '–', reason: '' };
    const best = v.slots?.length ? v.slots.reduce((a, b) => ((b.shapley ?? -Infinity) > (a.shapley ?? -Infinity) ? b : a)) : null;
    // A model without Shapley values (SASRec) is described by where its attention goes instead.
    const top = !best || best.shapley !== null ? null : v.slots!.reduce((a, b) => (b.attention > a.attention ? b : a));
    const reason = top
      ? `attends most to step ${top.step} (${itemName(top)}), ${fmtPct(top.attention)}`
      : best
        ? `most from step ${best.step} (${itemName(best)}), ${fmtSigned(best.shapley)} of memory ${fmtSigned(v.memory)}`
        : side.attends === 'purchases'
          ? 'no memory at this step'
          : '';
    return { rank: String(v.rank), reason };
  };
  return (
    <table className="table compact compare-diff" data-testid="compare-differing">
      <caption className="small muted">Where they differ: each item's rank in both models, and the purchase in memory with the largest contribution (exact Shapley value) where the model has one</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col" className="num">
            rank in #{c.a.modelId}
          </th>
          <th scope="col">why (#{c.a.modelId})</th>
          <th scope="col" className="num">
            rank in #{c.b.modelId}
          </th>
          <th scope="col">why (#{c.b.modelId})</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((id) => {
          const a = why(c.a, id);
          const b = why(c.b, id);
          const named = c.a.differing.find((d) => d.item === id) ?? c.b.differing.find((d) => d.item === id)!;
          return (
            <tr key={id} data-item={id}>
              <th scope="row">{itemName(named)}</th>
              <td className="num">{a.rank}</td>
              <td className="small">{a.reason}</td>
              <td className="num">{b.rank}</td>
              <td className="small">{b.reason}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
