import { useId, useState } from 'react';
import { runJob, useJob } from '../../api/jobs';
import type { ModelInfo } from '../../api/types';
import { JobPanel } from '../../components/JobPanel';
import { fmtDuration, fmtMetric } from '../../lib/format';
import { isActive } from '../../lib/job-state';
import { curveFromProgress, curveFromRecords, lastProgress } from '../../lib/train-curve';
import { FIELD_LABELS, PAPER_DEFAULTS, parseTrainForm, type FieldName } from '../../lib/train-form';
import { TrainCurves } from './TrainCurves';

const SLOT = 'train';
const MODELS = [
  { value: 'rum-item', label: 'RUM (item level)' },
  { value: 'pop', label: 'MostPopular' },
  { value: 'bpr', label: 'BPR-MF' },
  { value: 'fpmc', label: 'FPMC' },
];
const NUMBER_FIELDS: FieldName[] = ['dim', 'slots', 'alpha', 'beta', 'epochs', 'lr', 'l2', 'negatives', 'seed', 'minUserEvents'];

interface Props {
  datasetId: number;
  form: Record<FieldName, string>;
  setForm: (f: Record<FieldName, string>) => void;
}

/** The training form (paper defaults), the Train button and the live progress and curves. */
export function TrainPanel({ datasetId, form, setForm }: Props) {
  const [force, setForce] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const job = useJob(SLOT);
  const id = useId();
  const busy = isActive(job);

  const train = () => {
    const r = parseTrainForm(form);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    void runJob(SLOT, 'trainModel', { datasetId, settings: r.settings, ...(force ? { force: true } : {}) }, 'preparing the split…');
  };

  const result = job.status === 'done' ? (job.result as (ModelInfo & { cached?: boolean }) | undefined) : undefined;
  const live = lastProgress(job.details);
  const curve = result ? curveFromRecords(result.curve) : curveFromProgress(job.details);

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Train a model</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          train();
        }}
      >
        <div className="form-grid cols-4">
          <label htmlFor={`${id}-model`}>{FIELD_LABELS.model}</label>
          <select id={`${id}-model`} value={form.model} onChange={(e) => setForm({ ...form, model: e.target.value })} disabled={busy}>
            {MODELS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
          {NUMBER_FIELDS.map((f) => (
            <FormField key={f} id={`${id}-${f}`} name={f} value={form[f]} error={errors[f]} disabled={busy} onChange={(v) => setForm({ ...form, [f]: v })} />
          ))}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Train
          </button>
          <button type="button" onClick={() => { setForm(PAPER_DEFAULTS); setErrors({}); }} disabled={busy}>
            Paper defaults
          </button>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} disabled={busy} /> Retrain even if these settings were trained before
          </label>
        </div>
      </form>
      <JobPanel slot={SLOT} job={job} label="Training" hideMessage={busy && !!live}>
        {busy && live && (
          <div className="small muted">
            epoch {live.epoch} of {live.epochs} · batch {live.batch} of {live.batches} · loss {live.loss.toFixed(4)} · best epoch {live.bestEpoch || '–'} · ETA ≤ {fmtDuration(live.etaSeconds)}
          </div>
        )}
        {result && (
          <div className="success" role="status">
            {result.cached ? 'Already trained with these settings: ' : 'Trained '}model #{result.modelId} ({result.kind}) · {result.epochs} epochs
            {result.bestEpoch ? `, best ${result.bestEpoch}` : ''} · {fmtDuration(result.seconds)} · test F1@{result.test?.n ?? 5}{' '}
            {fmtMetric((result.test?.metrics as { f1?: number } | undefined)?.f1)}
          </div>
        )}
      </JobPanel>
      {curve.length > 0 && <TrainCurves points={curve} />}
    </section>
  );
}

function FormField({ id, name, value, error, disabled, onChange }: { id: string; name: FieldName; value: string; error?: string; disabled: boolean; onChange: (v: string) => void }) {
  return (
    <>
      <label htmlFor={id}>{FIELD_LABELS[name]}</label>
      <div>
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          className={error ? 'invalid' : undefined}
        />
        {error && (
          <div id={`${id}-err`} className="field-error">
            {error}
          </div>
        )}
      </div>
    </>
  );
}
