import { useEffect, useId, useState } from 'react';
import { runJob, useJob } from '../../api/jobs';
import type { DatasetRow, JobResults, ModelInfo } from '../../api/types';
import { useCall } from '../../api/use-call';
import { JobPanel } from '../../components/JobPanel';
import { Empty, Loading } from '../../components/Status';
import { fmtInt, plural } from '../../lib/format';
import { metaOf, modelTitle } from '../../lib/model-catalog';
import { modelChoiceLabel } from '../../lib/model-choice';
import type { View } from '../../App';
import { InfluenceGraph } from './InfluenceGraph';
import { InfluenceTable } from './InfluenceTable';
import './influences.css';

interface Props {
  dataset: DatasetRow | null;
  modelId: number | null;
  onModel: (id: number) => void;
  version: number;
  goTo: (v: View) => void;
}

type By = 'shapley' | 'attention';
type Part = 'train' | 'all';

/** Pairs asked for: the most the services keep per map, so the search reaches past the graph. */
const TOP = 1000;
const LINK_CHOICES = [10, 20, 30, 50];

/** A kind whose memory holds purchases, the only kind with earlier items to credit. */
const mapsInfluences = (kind: string) => {
  const meta = metaOf(kind);
  return meta !== undefined && meta.attends === 'purchases' && meta.explains;
};

/**
 * The map of influences over a model's users: which earlier item drives which later purchase,
 * as a graph of the strongest links and a searchable table of the pairs. Computed as a job
 * (progress, cancel) on opening; the services keep each map, so coming back is immediate.
 */
export function InfluencesView({ dataset, modelId, onModel, version, goTo }: Props) {
  const id = useId();
  const models = useCall('listModels', dataset ? { datasetId: dataset.datasetId } : null, version);
  const usable = (models.data ?? []).filter((m) => mapsInfluences(m.kind));
  // The app's model when it has a purchase memory, else the newest one that has.
  const model: ModelInfo | undefined = usable.find((m) => m.modelId === modelId) ?? usable.at(-1);
  const [by, setBy] = useState<By>('shapley');
  const [part, setPart] = useState<Part>('train');
  const [links, setLinks] = useState(30);
  const [query, setQuery] = useState('');
  const slot = model ? `influences:${model.modelId}:${by}:${part}` : 'influences:none';
  const job = useJob(slot);

  useEffect(() => {
    if (model && job.status === 'idle') void runJob(slot, 'influenceMap', { modelId: model.modelId, by, part, top: TOP }, 'mapping influences…');
  }, [model, by, part, slot, job.status]);

  if (!dataset) return <Empty>Open a dataset first.</Empty>;
  if (models.loading && !models.data) return <Loading what="models" />;
  const others = [...new Set((models.data ?? []).filter((m) => !mapsInfluences(m.kind)).map((m) => modelTitle(m.kind)))];
  if (!model) {
    return (
      <Empty>
        No model whose memory holds purchases on this dataset{others.length ? ` (${others.join(', ')} ${others.length === 1 ? 'has' : 'have'} none)` : ''}.{' '}
        <button type="button" className="link-btn" onClick={() => goTo('models')}>
          Train item-level RUM
        </button>
      </Empty>
    );
  }
  const map = job.status === 'done' ? (job.result as JobResults['influenceMap']) : undefined;
  const weightLabel = by === 'shapley' ? 'Shapley sum' : 'Attention sum';
  return (
    <div className="influences-view" data-testid="influences-view">
      <div className="card">
        <div className="card-head">
          <div>
            <h2>Which earlier purchase drives which later one</h2>
            <p className="muted small influences-lead">
              At every step, the purchase made is explained as the step view explains it, and each memory slot&apos;s{' '}
              {by === 'shapley' ? 'exact Shapley value' : 'attention'} is credited to the pair (the purchase the slot holds → the purchase made); the
              map sums the pairs over {part === 'train' ? "the training part of every user's timeline, what the model learned from" : "every user's whole timeline"}.
            </p>
          </div>
          <div className="inline-form influences-controls">
            <label htmlFor={`${id}-m`}>Model</label>
            <select id={`${id}-m`} value={model.modelId} onChange={(e) => onModel(Number(e.target.value))}>
              {[...usable].reverse().map((m) => (
                <option key={m.modelId} value={m.modelId}>
                  {modelChoiceLabel(m)}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-b`}>Credit</label>
            <select id={`${id}-b`} value={by} onChange={(e) => setBy(e.target.value as By)} data-testid="influence-by">
              <option value="shapley">exact Shapley value</option>
              <option value="attention">attention</option>
            </select>
            <label htmlFor={`${id}-p`}>Steps</label>
            <select id={`${id}-p`} value={part} onChange={(e) => setPart(e.target.value as Part)} data-testid="influence-part">
              <option value="train">training part</option>
              <option value="all">whole timelines</option>
            </select>
          </div>
        </div>
        {others.length > 0 && <div className="muted small">Not offered here: {others.join(', ')}, whose memory holds no purchases (latent slots, or no memory).</div>}
        <JobPanel slot={slot} job={job} label="Influence map">
          {(job.status === 'error' || job.status === 'cancelled') && (
            <button type="button" className="small-btn" onClick={() => void runJob(slot, 'influenceMap', { modelId: model.modelId, by, part, top: TOP }, 'mapping influences…')}>
              Map again
            </button>
          )}
        </JobPanel>
        {map && (
          <p className="small influences-summary" data-testid="influence-summary" data-steps={map.steps} data-users={map.users} data-sampled={String(map.sampled)}>
            {plural(map.steps, 'step')} of {plural(map.users, 'user')}
            {map.sampled ? ` — a seeded sample (seed ${map.seed}) of the ${fmtInt(map.eligibleUsers)} users, sized to a few seconds of work` : ''} · {fmtInt(map.totalPairs)} pairs ·
            memory of {plural(map.slots, 'slot')}
            {map.cached ? ' · kept from an earlier map' : ` · ${map.seconds.toFixed(1)} s`}
          </p>
        )}
      </div>
      {map && (
        <>
          <div className="card">
            <div className="card-head">
              <h3>Strongest links</h3>
              <div className="inline-form">
                <label htmlFor={`${id}-n`}>Links</label>
                <select id={`${id}-n`} value={links} onChange={(e) => setLinks(Number(e.target.value))}>
                  {LINK_CHOICES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <InfluenceGraph pairs={map.pairs.slice(0, links)} unit={by === 'shapley' ? 'Shapley sum' : 'attention sum'} onItem={setQuery} />
            <p className="muted small">{map.note}. Choose an item to see its pairs below.</p>
          </div>
          <div className="card">
            <InfluenceTable pairs={map.pairs} query={query} onQuery={setQuery} weightLabel={weightLabel} />
          </div>
        </>
      )}
    </div>
  );
}
