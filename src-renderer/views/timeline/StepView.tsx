import { useEffect, useState } from 'react';
import { prefetchSteps } from '../../api/step-cache';
import type { ExplainJson } from '../../api/types';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { itemName, plural } from '../../lib/format';
import { MemorySlots } from './MemorySlots';
import { RecommendationDetail } from './RecommendationDetail';
import { Recommendations } from './Recommendations';
import { TrustPanel } from './TrustPanel';

interface Props {
  modelId: number;
  user: string;
  step: number;
  /** The bought item's rank at this step among the items not bought before (from the timeline), once known. */
  rank?: number;
  n?: number;
}

/**
 * One step's explanation. `data-ready` is true only once the drawn explanation is the one for
 * `data-step`: while a newer step loads, the previous one stays on screen, dimmed, marked not ready.
 */
export function StepView({ modelId, user, step, rank, n }: Props) {
  // Shapley values for the first recommendation only (each costs O(2^K), ~10 ms at K = 20): the
  // detail asks for another's when it is chosen (RecommendationDetail's `at`).
  const { data, error, loading } = useCall('explainStep', { modelId, user, step, top: 5, shapleyFor: 1 });
  const [chosen, setChosen] = useState<string | null>(null);
  const ex = data as ExplainJson | undefined;
  const ready = !loading && !!ex && ex.step === step && ex.user === user;
  // Once this step is drawn, have the server compute its neighbours (valid steps are 0..ex.steps).
  useEffect(() => {
    if (!ready || !ex) return;
    prefetchSteps({ modelId, user, step, top: 5, shapleyFor: 1 }, [step + 1, step - 1].filter((t) => t >= 0 && t <= ex.steps));
  }, [ready, ex, modelId, user, step]);
  // Keep the chosen item while it stays in the top 5; otherwise explain the first.
  const selected = ex?.recommendations.find((r) => r.item === chosen) ?? ex?.recommendations[0];

  return (
    <div className={`step-view${ready ? '' : ' stale'}`} data-testid="step-view" data-user={user} data-model={modelId} data-step={step} data-ready={ready ? 'true' : 'false'} aria-busy={!ready}>
      {error && <ErrorBox error={error} title={`Cannot explain step ${step}`} />}
      {!ex && loading && <Loading what={`step ${step}`} />}
      {ex && (
        <>
          <div className="step-headline">
            {ex.purchased ? (
              <>
                At step {ex.step} the user bought <strong>{itemName(ex.purchased)}</strong> <span className="muted small">({ex.purchased.item}, {ex.part} part)</span>
                {ex.recommendations.some((r) => r.item === ex.purchased?.item) ? <span className="badge hit">in the top {ex.recommendations.length}</span> : <span className="badge">not in the top {ex.recommendations.length}</span>}
                {rank !== undefined && (
                  <span className={`badge${n !== undefined && rank <= n ? ' hit' : ''}`} data-testid="step-rank" title="The rank the model gave it among the items not bought before this step">
                    ranked #{rank}
                  </span>
                )}
              </>
            ) : (
              <>After the last purchase: what the model would recommend next.</>
            )}
            <span className="muted small"> · α = {ex.alpha}, β = {ex.beta}</span>
          </div>
          <TrustPanel modelId={modelId} />
          <div className="step-grid">
            <section className="card" aria-labelledby="mem-h">
              <h3 id="mem-h">Memory ({plural(ex.memory.length, 'slot')})</h3>
              <MemorySlots ex={ex} />
            </section>
            <section className="card" aria-labelledby="recs-h">
              <h3 id="recs-h">Top {ex.recommendations.length} recommendations</h3>
              <Recommendations ex={ex} selected={selected?.item ?? null} onSelect={setChosen} />
              {selected && <RecommendationDetail rec={selected} title="Why" at={{ modelId, user, step: ex.step }} />}
            </section>
          </div>
        </>
      )}
    </div>
  );
}
