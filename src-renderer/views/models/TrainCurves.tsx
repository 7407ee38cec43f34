import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CurvePoint } from '../../lib/train-curve';

/** Loss (left axis) and validation NDCG (right axis) per epoch, live while training. */
export function TrainCurves({ points }: { points: CurvePoint[] }) {
  return (
    <div className="chart" role="img" aria-label={`Training curves over ${points.length} epochs`}>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis yAxisId="loss" tick={{ fontSize: 11 }} width={48} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toPrecision(3)} />
          <YAxis yAxisId="ndcg" orientation="right" tick={{ fontSize: 11 }} width={48} domain={[0, 'auto']} tickFormatter={(v: number) => v.toFixed(3)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(l) => `epoch ${l}`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line yAxisId="loss" dataKey="loss" name="training loss" stroke="#d9534f" dot={false} isAnimationActive={false} connectNulls />
          <Line yAxisId="ndcg" dataKey="ndcg" name="validation NDCG" stroke="#2b8a3e" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
