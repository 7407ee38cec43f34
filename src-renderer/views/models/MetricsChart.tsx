import { Bar, BarChart, CartesianGrid, Label, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ModelInfo } from '../../api/types';
import { modelTitle } from '../../lib/model-catalog';
import { groupedMetrics, modelLabel, testMetrics } from '../../lib/model-metrics';

const COLORS = ['#3b6fd8', '#e08a1e', '#2b8a3e', '#9c36b5', '#d9534f', '#0b7285', '#5f3dc4', '#868e96'];
const MAX_MODELS = 8;

/** Grouped bars: each metric, one bar per model (the newest few, so bars stay readable). */
export function MetricsChart({ models }: { models: ModelInfo[] }) {
  const shown = models.filter((m) => testMetrics(m) !== null).slice(-MAX_MODELS);
  if (shown.length === 0) return null;
  const data = groupedMetrics(shown);
  const n = shown[0].test?.n ?? 5;
  return (
    <div className="chart" role="img" aria-label={`Test metrics of ${shown.map((m) => `#${m.modelId} ${modelTitle(m.kind)}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 18, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="metric" tick={{ fontSize: 12 }}>
            <Label value={`metric at N = ${n}`} position="insideBottom" offset={-12} fontSize={11} />
          </XAxis>
          <YAxis tick={{ fontSize: 11 }} width={52} tickFormatter={(v: number) => v.toFixed(2)}>
            <Label value="test value" angle={-90} position="insideLeft" style={{ textAnchor: 'middle' }} fontSize={11} />
          </YAxis>
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
          {shown.map((m, k) => (
            <Bar key={m.modelId} dataKey={modelLabel(m)} name={`#${m.modelId} ${modelTitle(m.kind)}`} fill={COLORS[k % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
