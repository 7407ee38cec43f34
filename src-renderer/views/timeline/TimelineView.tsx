import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { DatasetRow, UserRow } from '../../api/types';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { Empty, Loading } from '../../components/Status';
import { fmtInt, fmtPct } from '../../lib/format';
import { newestModel } from '../../lib/startup';
import { keyAction, stepReducer } from '../../lib/step-nav';
import { unpackTimeline } from '../../lib/timeline-unpack';
import type { View } from '../../App';
import { ComparePanel } from './ComparePanel';
import { WhatIfPanel } from './WhatIfPanel';
import { ExportPanel } from './ExportPanel';
import { Heatmap } from './Heatmap';
import { ModelPicker } from './ModelPicker';
import { PurchaseStrip } from './PurchaseStrip';
import { StepControls } from './StepControls';
import { StepView } from './StepView';
import { UserList } from './UserList';
import { WhyNot } from './WhyNot';
import { WritesHeatmap } from './WritesHeatmap';

interface Props {
  dataset: DatasetRow | null;
  modelId: number | null;
  onModel: (id: number) => void;
  version: number;
  goTo: (v: View) => void;
}

/** The heart of the app: one user's purchases, stepped through, with memory, attention and reasons. */
export function TimelineView({ dataset, modelId, onModel, version, goTo }: Props) {
  const [user, setUser] = useState<UserRow | null>(null);
  const [nav, dispatch] = useReducer(stepReducer, { step: 0, last: 0 });
  const models = useCall('listModels', dataset ? { datasetId: dataset.datasetId } : null, version);
  const model = models.data?.find((m) => m.modelId === modelId) ?? null;
  // Two calls: the attention alone (bare weights) answers at once and draws the strip and heatmap;
  // the ranks (the whole catalogue scored at every step, engine/user-ranks.ts) follow and fill in.
  const quick = useCall('timelineWeights', modelId !== null && user ? { modelId, user: user.user } : null);
  const quickData = quick.data?.user === user?.user && quick.data?.modelId === modelId ? quick.data : undefined;
  // Asked once the attention is in, so that the ranking does not hold up the first draw.
  const ranked = useCall('timelineRanks', modelId !== null && user && quickData ? { modelId, user: user.user } : null);
  const rankedData = ranked.data?.user === user?.user && ranked.data?.modelId === modelId ? ranked.data : undefined;
  const timelineData = useMemo(() => (quickData ? unpackTimeline(quickData, rankedData) : undefined), [quickData, rankedData]);
  const timelineError = quick.error ?? ranked.error;

  // No model chosen (a dataset just opened): explain its newest item-level RUM model.
  useEffect(() => {
    if (modelId !== null || !models.data || !dataset) return;
    const m = newestModel(models.data, dataset.datasetId);
    if (m) onModel(m.modelId);
  }, [modelId, models.data, dataset, onModel]);

  // A new model starts from its first user again.
  useEffect(() => setUser(null), [modelId]);

  // A new user starts at the end of their training part: the point the model was trained to predict from.
  const selectUser = useCallback((u: UserRow) => {
    setUser(u);
    dispatch({ type: 'reset', last: u.events, step: u.trainLength });
  }, []);

  // Left/Right step through the timeline unless focus is in a field that uses the arrows itself.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      const a = keyAction(e.key, t?.tagName, t?.isContentEditable ?? false);
      if (!a) return;
      e.preventDefault();
      dispatch(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const setStep = useCallback((step: number) => dispatch({ type: 'set', step }), []);

  if (!dataset) return <Empty>Open or import a dataset first (Datasets tab).</Empty>;
  const steps = timelineData?.steps ?? [];
  const metrics = rankedData?.metrics;
  const here = steps[nav.step];
  // Feature-level RUM's memory is latent: no purchase is "in memory", the heatmap shows its writes.
  const latent = timelineData?.memoryKind === 'latent';
  const slots = latent ? 0 : (model?.config.slots ?? 20);

  return (
    <div className="timeline-layout">
      <aside className="sidebar" aria-label="Model and users">
        <ModelPicker models={models.data} loading={models.loading} modelId={modelId} onModel={onModel} goTo={goTo} />
        {modelId !== null && <UserList modelId={modelId} user={user?.user ?? null} onSelect={selectUser} />}
      </aside>
      <div className="timeline-main">
        {models.error && <ErrorBox error={models.error} />}
        {modelId === null && !models.loading && <Empty>Choose a model on the left, or train an item-level RUM model in the Models tab.</Empty>}
        {modelId !== null && !user && <Loading what="users" />}
        {modelId !== null && user && (
          <>
            <section className="card" aria-labelledby="user-h">
              <div className="card-head">
                <h2 id="user-h">
                  User <span className="mono">{user.user}</span>{' '}
                  <span className="muted small">
                    {user.events} purchases · {user.trainLength} training (<span className="swatch train" />) + {user.events - user.trainLength} test (<span className="swatch test" />)
                  </span>
                </h2>
                <ExportPanel modelId={modelId} user={user.user} />
              </div>
              <StepControls step={nav.step} last={nav.last} trainLength={user.trainLength} dispatch={dispatch} />
              {timelineError && <ErrorBox error={timelineError} />}
              <div className="muted small user-metrics" data-testid="user-metrics" aria-live="polite">
                {metrics ? (
                  <>
                    Hit@{rankedData!.n}: training {fmtPct(metrics.train.hr)} ({metrics.train.hits}/{metrics.train.steps}, NDCG {metrics.train.ndcg.toFixed(3)}) · test {fmtPct(metrics.test.hr)} ({metrics.test.hits}/{metrics.test.steps}, NDCG{' '}
                    {metrics.test.ndcg.toFixed(3)}) · #: the rank the model gave each purchase among the items not bought before it
                  </>
                ) : (
                  ranked.loading && !ranked.error && steps.length > 0 && <Loading what={`the rank of each of ${fmtInt(steps.length)} purchases`} />
                )}
              </div>
              {steps.length > 0 ? <PurchaseStrip steps={steps} step={nav.step} slots={slots} onStep={setStep} /> : !timelineError && <Loading what={`${fmtInt(user.events)} purchases`} />}
            </section>
            <StepView modelId={modelId} user={user.user} step={nav.step} rank={here?.rank} n={rankedData?.n} />
            <section className="card" aria-labelledby="whynot-h">
              <h3 id="whynot-h">Why not this item?</h3>
              <WhyNot modelId={modelId} user={user.user} step={nav.step} suggestions={steps.map((s) => ({ item: s.item, title: s.title }))} />
            </section>
            <section className="card" aria-labelledby="whatif-h">
              <h3 id="whatif-h">What if…</h3>
              <WhatIfPanel modelId={modelId} user={user.user} step={nav.step} history={steps.slice(0, nav.step).map((s) => ({ step: s.step, item: s.item, title: s.title }))} />
            </section>
            {models.data && (
              <section className="card" aria-labelledby="compare-h">
                <h3 id="compare-h">Beside another model</h3>
                <ComparePanel modelId={modelId} models={models.data} user={user.user} step={nav.step} />
              </section>
            )}
            <section className="card" aria-labelledby="heat-h">
              <h3 id="heat-h">{latent ? 'Writes into each latent feature over the timeline (feature-level Figure 4)' : 'Attention over the whole timeline (Figure 4)'}</h3>
              {timelineData && steps.length > 0 ? (
                latent ? (
                  <WritesHeatmap timeline={timelineData} step={nav.step} onStep={setStep} />
                ) : (
                  <Heatmap timeline={timelineData} step={nav.step} slots={slots} onStep={setStep} />
                )
              ) : (
                !timelineError && <Loading what="the timeline" />
              )}
            </section>
          </>
        )}
      </div>
    </div>
  );
}
