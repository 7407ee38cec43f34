import type { ModelInfo } from '../../api/types';
import { fmtMetric } from '../../lib/format';
import { modelTitle } from '../../lib/model-catalog';
import { METRIC_KEYS, METRIC_LABELS } from '../../lib/model-metrics';
import { seedGroups } from '../../lib/seed-groups';

/** Every model trained under several seeds with the same settings, as mean ± sd: how the paper's Table 2 reports runs. */
export function SeedSummary({ models }: { models: ModelInfo[] }) {
  const groups = seedGroups(models);
  if (groups.length === 0) return <p className="small muted">Train a model again with another seed (same settings) to see its metrics as mean ± sd over seeds.</p>;
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Models over seeds: mean ± sd" data-testid="seed-summary">
        <caption className="small muted">Models with the same settings and several seeds: test metrics as mean ± standard deviation (sample, n − 1) over the seeds</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Seeds (models)</th>
            {METRIC_KEYS.map((k) => (
              <th key={k} scope="col" className="num">
                {METRIC_LABELS[k]}@{models[0]?.test?.n ?? 5}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} data-models={g.modelIds.join(',')}>
              <th scope="row">{modelTitle(g.kind)}</th>
              <td className="small">
                {g.seeds.join(', ')} (#{g.modelIds.join(', #')})
              </td>
              {METRIC_KEYS.map((k) => (
                <td key={k} className="num" data-metric={k} data-mean={String(g.stats[k].mean)}>
                  {fmtMetric(g.stats[k].mean)} ± {fmtMetric(g.stats[k].sd)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
