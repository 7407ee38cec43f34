import type { ModelInfo } from '../../api/types';
import { fmtDuration, fmtMetric } from '../../lib/format';
import { bestPerMetric, METRIC_KEYS, METRIC_LABELS, testMetrics } from '../../lib/model-metrics';
import { explainable } from '../../lib/startup';

/** The paper's Table 2 for this dataset: every model's test metrics at N, best in bold. */
export function ModelTable({ models, modelId, onOpenTimeline }: { models: ModelInfo[]; modelId: number | null; onOpenTimeline: (id: number) => void }) {
  const best = bestPerMetric(models);
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Models and their test metrics">
        <thead>
          <tr>
            <th scope="col">#</th>
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
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => {
            const t = testMetrics(m);
            return (
              <tr key={m.modelId} className={m.modelId === modelId ? 'selected' : undefined}>
                <td className="num muted">{m.modelId}</td>
                <td>{m.kind}</td>
                <td className="num">{m.config.dim}</td>
                <td className="num">{m.kind === 'rum-item' ? m.config.slots : '–'}</td>
                <td className="num">{m.kind === 'rum-item' ? m.config.alpha : '–'}</td>
                <td className="num">
                  {m.epochs}
                  {m.bestEpoch ? <span className="muted"> ({m.bestEpoch})</span> : null}
                </td>
                <td className="num">{fmtDuration(m.seconds)}</td>
                {METRIC_KEYS.map((k) => (
                  <td key={k} className={`num${t && t[k] === best[k] ? ' best' : ''}`}>
                    {fmtMetric(t?.[k])}
                  </td>
                ))}
                <td>
                  {explainable(m.kind) && (
                    <button type="button" className="small-btn" onClick={() => onOpenTimeline(m.modelId)} aria-label={`Open the timeline of model ${m.modelId}`}>
                      Timeline
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
