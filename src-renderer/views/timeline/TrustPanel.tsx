import { useState } from 'react';
import { shownError } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { fmtInt, fmtPct } from '../../lib/format';
import './explain.css';

/** What the attention-trust figures mean, in one sentence shown with them. */
export const TRUST_MEANING =
  'How far this model\u2019s attention can be read as "what drove the score": how often the purchase with the most attention is also the one with the largest contribution (exact Shapley value) for the item actually bought, and how alike the two orders of the slots are (Kendall τ, 1 = the same order); where these are low, read the contribution column rather than the attention.';

// Models measured in this session: the service keeps the figures, so showing them again is free.
const asked = new Set<number>();

/**
 * Attention trust for a model (the attentionTrust call, computed once per model by the service:
 * every step of every user with two purchases before it, or a stated seeded sample).
 */
export function TrustPanel({ modelId }: { modelId: number }) {
  // Measured on request: up to 1,000 Shapley enumerations (seconds at K = 20) would otherwise
  // compete with the first steps' explanations on the service's thread.
  const [, redraw] = useState(0);
  const on = asked.has(modelId);
  const { data, error, loading } = useCall('attentionTrust', on ? { modelId } : null);
  return (
    <div className="trust-panel small" data-testid="attention-trust" aria-live="polite">
      <strong>Attention trust</strong>{' '}
      {!on && (
        <button
          type="button"
          className="small-btn"
          onClick={() => {
            asked.add(modelId);
            redraw((n) => n + 1);
          }}
        >
          Measure for this model
        </button>
      )}
      {!on && <span className="muted"> how often the most-attended purchase is the one that contributed most (a few seconds)</span>}
      {on && loading && !data && <span className="muted">(computing Shapley values over the model’s steps…)</span>}
      {error && <span className="muted">unavailable: {shownError(error).message}</span>}
      {data && data.note !== null && <span className="muted">not measured: {data.note}.</span>}
      {data && data.note === null && (
        <>
          <span className="figures">
            <span data-testid="trust-top1" data-value={String(data.top1Agreement)}>
              top-1 agreement <strong>{fmtPct(data.top1Agreement)}</strong>
            </span>
            <span data-testid="trust-tau" data-value={String(data.meanKendallTau)}>
              mean Kendall τ <strong>{data.meanKendallTau === null ? '–' : data.meanKendallTau.toFixed(2)}</strong>
            </span>
            <span className="muted">
              over {fmtInt(data.steps)} step{data.steps === 1 ? '' : 's'}
              {data.sampled ? ` (a sample of the ${fmtInt(data.eligibleSteps)} steps, seed ${data.seed})` : ' (every step with two purchases before it)'}
            </span>
          </span>
          <span className="muted">{TRUST_MEANING}</span>
        </>
      )}
    </div>
  );
}
