import { useId, useState } from 'react';
import { runJob, useJob } from '../../api/jobs';
import type { SweepResult } from '../../api/types';
import { JobPanel } from '../../components/JobPanel';
import { Empty } from '../../components/Status';
import { isActive } from '../../lib/job-state';
import { DEFAULT_KIND } from '../../lib/model-catalog';
import { parseAlphas, parseTrainForm, type FieldName } from '../../lib/train-form';
import { SweepChart } from './SweepChart';

const SLOT = 'sweep';

/** The paper's Figure 3: F1@5 of item-level RUM as the memory weight α grows (0 = plain MF). */
export function AlphaSweepPanel({ datasetId, form }: { datasetId: number; form: Record<FieldName, string> }) {
  const [text, setText] = useState('0, 0.1, 0.2, 0.4, 0.8');
  const [error, setError] = useState<string | null>(null);
  const job = useJob(SLOT);
  const id = useId();
  const busy = isActive(job);

  const run = () => {
    const a = parseAlphas(text);
    // The sweep is Figure 3, item-level RUM's (the service trains that kind whatever the form says).
    const s = parseTrainForm({ ...form, model: DEFAULT_KIND });
    if (!a.ok) return setError(a.error);
    if (!s.ok) return setError(`fix the training form first (${Object.keys(s.errors).join(', ')})`);
    setError(null);
    void runJob(SLOT, 'alphaSweep', { datasetId, alphas: a.alphas, settings: s.settings }, 'starting the sweep…');
  };

  const result = job.status === 'done' ? (job.result as SweepResult | undefined) : undefined;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>α sweep (Figure 3)</h2>
      <p className="muted small">Trains item-level RUM once per α with the form's other settings (already trained settings are reused).</p>
      <div className="inline-form">
        <label htmlFor={`${id}-alphas`}>α values</label>
        <input id={`${id}-alphas`} type="text" value={text} onChange={(e) => setText(e.target.value)} disabled={busy} aria-invalid={error ? true : undefined} />
        <button type="button" className="primary" onClick={run} disabled={busy}>
          Run sweep
        </button>
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <JobPanel slot={SLOT} job={job} label="Sweep" />
      {result ? <SweepChart points={result.points} /> : !busy && <Empty>No sweep run in this session yet.</Empty>}
    </section>
  );
}
