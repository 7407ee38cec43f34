import { CartesianGrid, Label, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepResult } from '../../api/types';

/** F1@5 against α, as in the paper's Figure 3. */
export function SweepChart({ points }: { points: SweepResult['points'] }) {
  const data = points.map((p) => ({ alpha: p.alpha, f1: p.metrics.f1, modelId: p.modelId })).sort((a, b) => a.alpha - b.alpha);
  return (
    <div className="chart" role="img" aria-label={`F1@5 against alpha: ${data.map((d) => `α ${d.alpha}: ${d.f1.toFixed(4)}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 18, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="alpha" type="number" domain={['dataMin', 'dataMax']} ticks={data.map((d) => d.alpha)} tick={{ fontSize: 11 }}>
            <Label value="memory weight α" position="insideBottom" offset={-12} fontSize={11} />
          </XAxis>
          <YAxis tick={{ fontSize: 11 }} width={52} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(3)}>
            <Label value="test F1@5" angle={-90} position="insideLeft" style={{ textAnchor: 'middle' }} fontSize={11} />
          </YAxis>
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(l) => `α = ${l}`} />
          <Line dataKey="f1" name="F1@5" stroke="#3b6fd8" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
