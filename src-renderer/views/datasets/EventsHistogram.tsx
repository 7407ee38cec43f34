import { Bar, BarChart, CartesianGrid, Label, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistogramBin } from '../../api/types';
import { binLabel } from '../../lib/format';

/** How many users have how many events: the filter "min 10 events" cuts at the 10–19 bar. */
export function EventsHistogram({ bins }: { bins: HistogramBin[] }) {
  const data = bins.map((b) => ({ label: binLabel(b), users: b.users }));
  return (
    <div className="chart" role="img" aria-label={`Histogram of events per user: ${data.map((d) => `${d.label}: ${d.users}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 18, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }}>
            <Label value="events per user" position="insideBottom" offset={-12} fontSize={11} />
          </XAxis>
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={52}>
            <Label value="users" angle={-90} position="insideLeft" style={{ textAnchor: 'middle' }} fontSize={11} />
          </YAxis>
          <Tooltip formatter={(v) => [v, 'users']} />
          <Bar dataKey="users" fill="#3b6fd8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
