import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { runJob, useJob } from '../../api/jobs';
import type { SlicesJson } from '../../api/types';
import { ItemSearch } from '../../components/ItemSearch';
import { JobPanel } from '../../components/JobPanel';
import { fmtPct } from '../../lib/format';
import { isActive } from '../../lib/job-state';

const SLOT = 'slices';
const RULES = [
  { value: 'length', label: 'Number of purchases' },
  { value: 'hit', label: 'Hit or missed in the test' },
  { value: 'first-date', label: 'Date of the first purchase' },
  { value: 'item', label: 'An item in their training part…' },
] as const;
type Rule = (typeof RULES)[number]['value'];

/**
 * The chosen model's users in slices (the modelSlices job): per slice HR@N with its standard error
 * as a bar chart, and a table with NDCG, attention trust and the slice's strongest influence.
 */
export function SlicesPanel({ modelId }: { modelId: number }) {
  const id = useId();
  const [by, setBy] = useState<Rule>('length');
  const [bins, setBins] = useState(3);
  const [item, setItem] = useState<{ id: string; title: string | null } | null>(null);
  const job = useJob(SLOT);
  const r = job.status === 'done' ? (job.result as SlicesJson | undefined) : undefined;
  const result = r && r.modelId === modelId ? r : undefined;
  const ready = by !== 'item' || item !== null;
  const start = () =>
    void runJob(SLOT, 'modelSlices', { modelId, by, ...(by === 'length' || by === 'first-date' ? { bins } : {}), ...(by === 'item' && item ? { item: item.id } : {}) }, 'slicing the users…');
  const chart = result?.slices.map((s) => ({ name: s.name, hr: s.metrics ? 100 * s.metrics.hr : 0, se: s.standardError ? 100 * s.standardError.hr : 0 }));
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="slices">
      <h2 id={`${id}-h`}>Slices of users (model #{modelId})</h2>
      <div className="inline-form">
        <label htmlFor={`${id}-by`}>Group users by</label>
        <select id={`${id}-by`} value={by} onChange={(e) => setBy(e.target.value as Rule)} disabled={isActive(job)}>
          {RULES.map((x) => (
            <option key={x.value} value={x.value}>
              {x.label}
            </option>
          ))}
        </select>
        {(by === 'length' || by === 'first-date') && (
          <>
            <label htmlFor={`${id}-bins`}>groups</label>
            <input id={`${id}-bins`} type="number" min={1} max={20} value={bins} onChange={(e) => setBins(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} disabled={isActive(job)} style={{ width: '4em' }} />
          </>
        )}
        {by === 'item' && <ItemSearch modelId={modelId} label="Item" onChoose={(chosen, hit) => setItem({ id: chosen, title: hit.title })} disabled={isActive(job)} />}
        <button type="button" onClick={start} disabled={isActive(job) || !ready}>
          Compare slices
        </button>
      </div>
      {by === 'item' && item && <p className="small muted">Users who bought {item.title ?? item.id} in training against those who did not.</p>}
      <JobPanel slot={SLOT} job={job} label="Slices">
        {result && (
          <>
            <p className="small muted">
              {result.rule}. Metrics: the mean of each slice&rsquo;s test users&rsquo; own figures ± standard error; attention trust and influences over the slice&rsquo;s own steps.
            </p>
            <div style={{ width: '100%', height: 220 }} aria-label={`HR@${result.n} per slice`}>
              <ResponsiveContainer>
                <BarChart data={chart} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
                  <YAxis unit=" %" tick={{ fontSize: 11 }} />
                  <Tooltip formatter={(v) => `${Number(v).toFixed(2)} %`} />
                  <Bar dataKey="hr" name={`HR@${result.n}`} fill="#4c78a8" isAnimationActive={false}>
                    <ErrorBar dataKey="se" width={6} stroke="#333" />
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </div>
            <table className="table compact" data-testid="slices-table">
              <thead>
                <tr>
                  <th scope="col">Slice</th>
                  <th scope="col" className="num">Users</th>
                  <th scope="col" className="num">HR@{result.n} ± SE</th>
                  <th scope="col" className="num">NDCG@{result.n} ± SE</th>
                  <th scope="col" className="num">Attention trust</th>
                  <th scope="col">Strongest influence</th>
                </tr>
              </thead>
              <tbody>
                {result.slices.map((s) => {
                  const top = s.influences.pairs[0];
                  return (
                    <tr key={s.name} data-testid="slice-row" data-hr={s.metrics ? String(s.metrics.hr) : ''} data-users={s.users}>
                      <td>{s.name}</td>
                      <td className="num">{s.users}</td>
                      <td className="num">{s.metrics ? `${fmtPct(s.metrics.hr)} ± ${s.standardError ? fmtPct(s.standardError.hr) : '–'}` : '–'}</td>
                      <td className="num">{s.metrics ? `${fmtPct(s.metrics.ndcg)} ± ${s.standardError ? fmtPct(s.standardError.ndcg) : '–'}` : '–'}</td>
                      <td className="num" title={s.trust.note ?? `${s.trust.steps} steps`}>
                        {s.trust.note ? '–' : fmtPct(s.trust.top1Agreement)}
                      </td>
                      <td>{top ? `${top.fromTitle ?? top.from} → ${top.toTitle ?? top.to}` : (s.influences.note ?? '–')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </JobPanel>
    </section>
  );
}
