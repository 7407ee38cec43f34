import { useState } from 'react';
import type { ModelInfo } from '../../api/types';
import { capWarning } from '../../lib/epoch-cap';
import { fmtDuration, fmtMetric, fmtTime } from '../../lib/format';
import { bestPerMetric, METRIC_KEYS, METRIC_LABELS, testMetrics } from '../../lib/model-metrics';
import { explainable, modelTitle, settingCell } from '../../lib/model-catalog';
import { DeleteModelDialog } from './DeleteModelDialog';
import { settingsLine } from './model-settings';

interface Props {
  models: ModelInfo[];
  modelId: number | null;
  onOpenTimeline: (id: number) => void;
  /** Given when the table lists the models of several datasets: their names, by id. */
  datasetNames?: ReadonlyMap<number, string>;
}

/** The paper's Table 2: every model's settings and test metrics at N, best in bold, with the timeline and delete at hand. */
export function ModelTable({ models, modelId, onOpenTimeline, datasetNames }: Props) {
  const [deleting, setDeleting] = useState<ModelInfo | null>(null);
  // Bold marks the best of comparable models only, i.e. those of one dataset.
  const best = datasetNames ? {} : bestPerMetric(models);
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Models and their test metrics">
        <thead>
          <tr>
            <th scope="col">#</th>
            {datasetNames && <th scope="col">Dataset</th>}
            <th scope="col">Model</th>
            <th scope="col" className="num" title="embedding dimension">D</th>
            <th scope="col" className="num" title="memory slots">K</th>
            <th scope="col" className="num" title="memory weight">α</th>
            <th scope="col" className="num" title="epochs run (best)">Epochs</th>
            <th scope="col" className="num">Time</th>
            {METRIC_KEYS.map((k) => (
              <th key={k} scope="col" className="num">
                {METRIC_LABELS[k]}@{models[0]?.test?.n ?? 5}
              </th>
            ))}
            <th scope="col">Created (UTC)</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => {
            const t = testMetrics(m);
            const cap = capWarning(m);
            return (
              <tr key={m.modelId} className={m.modelId === modelId ? 'selected' : undefined}>
                <td className="num muted">{m.modelId}</td>
                {datasetNames && <td>{datasetNames.get(m.datasetId) ?? `#${m.datasetId}`}</td>}
                <td title={`${modelTitle(m.kind)}: ${settingsLine(m)}`}>{modelTitle(m.kind)}</td>
                <td className="num">{settingCell(m.kind, 'dim', m.config.dim)}</td>
                <td className="num">{settingCell(m.kind, 'slots', m.config.slots)}</td>
                <td className="num">{settingCell(m.kind, 'alpha', m.config.alpha)}</td>
                <td className="num">
                  {m.epochs}
                  {m.bestEpoch ? <span className="muted"> ({m.bestEpoch})</span> : null}
                  {cap && (
                    <span className="cap-warning" title={cap} role="img" aria-label={cap}>
                      {' '}⚠
                    </span>
                  )}
                </td>
                <td className="num">{fmtDuration(m.seconds)}</td>
                {METRIC_KEYS.map((k) => (
                  <td key={k} className={`num${t && t[k] === best[k] ? ' best' : ''}`}>
                    {fmtMetric(t?.[k])}
                  </td>
                ))}
                <td className="muted small">{fmtTime(m.createdAt)}</td>
                <td>
                  <div className="row-actions">
                    {explainable(m.kind) && (
                      <button type="button" className="small-btn" onClick={() => onOpenTimeline(m.modelId)} aria-label={`Open the timeline of model ${m.modelId}`}>
                        Timeline
                      </button>
                    )}
                    <button type="button" className="small-btn" onClick={() => setDeleting(m)} aria-label={`Delete model ${m.modelId}`}>
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {/* The ⚠ alone is easy to miss: say once under the table what it means. */}
      {models.some((m) => capWarning(m)) && (
        <p className="small cap-note">
          <span className="cap-warning" aria-hidden="true">⚠</span> ran to its epoch cap with validation NDCG still rising: training it again with more epochs may give a better model.
        </p>
      )}
      {deleting && <DeleteModelDialog model={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}
