import { CartesianGrid, Label, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { plural } from '../../lib/format';
import type { CurvePoint } from '../../lib/train-curve';

/** Loss (left axis) and validation NDCG (right axis) per epoch, live while training. */
export function TrainCurves({ points }: { points: CurvePoint[] }) {
  return (
    <div className="chart" role="img" aria-label={`Training curves over ${plural(points.length, 'epoch')}`}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 18, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} tick={{ fontSize: 11 }}>
            <Label value="epoch" position="insideBottom" offset={-12} fontSize={11} />
          </XAxis>
          <YAxis yAxisId="loss" tick={{ fontSize: 11 }} width={56} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toPrecision(3)}>
            <Label value="training loss" angle={-90} position="insideLeft" style={{ textAnchor: 'middle' }} fontSize={11} />
          </YAxis>
          <YAxis yAxisId="ndcg" orientation="right" tick={{ fontSize: 11 }} width={56} domain={[0, 'auto']} tickFormatter={(v: number) => v.toFixed(3)}>
            <Label value="validation NDCG" angle={90} position="insideRight" style={{ textAnchor: 'middle' }} fontSize={11} />
          </YAxis>
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(l) => `epoch ${l}`} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
          <Line yAxisId="loss" dataKey="loss" name="training loss" stroke="#d9534f" dot={false} isAnimationActive={false} connectNulls />
          <Line yAxisId="ndcg" dataKey="ndcg" name="validation NDCG" stroke="#2b8a3e" dot={{ r: 2 }} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
