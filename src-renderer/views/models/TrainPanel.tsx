import { useId, useState } from 'react';
import { runJob, useJob } from '../../api/jobs';
import type { ModelInfo } from '../../api/types';
import { JobPanel } from '../../components/JobPanel';
import { capWarning } from '../../lib/epoch-cap';
import { fmtDuration, fmtMetric, plural } from '../../lib/format';
import { isActive } from '../../lib/job-state';
import { lockedBecause, MODEL_CHOICES, modelTitle, useOf } from '../../lib/model-catalog';
import { curveFromProgress, curveFromRecords, lastProgress } from '../../lib/train-curve';
import { FIELD_LABELS, formForModel, PAPER_DEFAULTS, parseTrainForm, type FieldName } from '../../lib/train-form';
import { TrainCurves } from './TrainCurves';

const SLOT = 'train';
const NUMBER_FIELDS: Exclude<FieldName, 'model'>[] = ['dim', 'slots', 'alpha', 'beta', 'epochs', 'lr', 'l2', 'negatives', 'seed', 'minUserEvents'];

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
    const r = parseTrainForm(formForModel(form));
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
            {MODEL_CHOICES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
          {NUMBER_FIELDS.map((f) => {
            // A setting the chosen model fixes shows the value it trains with; one it has no use
            // for shows nothing. Both are locked, and say why; the form keeps what was typed.
            const locked = lockedBecause(form.model, f);
            const use = useOf(form.model, f);
            const shown = use === 'asked' ? form[f] : use === 'unused' ? '' : String(use);
            return (
              <FormField
                key={f}
                id={`${id}-${f}`}
                name={f}
                value={shown}
                error={locked ? undefined : errors[f]}
                disabled={busy || locked !== null}
                hint={locked ?? undefined}
                onChange={(v) => setForm({ ...form, [f]: v })}
              />
            );
          })}
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
            {result.cached ? 'Already trained with these settings: ' : 'Trained '}model #{result.modelId} ({modelTitle(result.kind)}) · {plural(result.epochs, 'epoch')}
            {result.bestEpoch ? `, best ${result.bestEpoch}` : ''} · {fmtDuration(result.seconds)} · test F1@{result.test?.n ?? 5}{' '}
            {fmtMetric((result.test?.metrics as { f1?: number } | undefined)?.f1)}
          </div>
        )}
        {result && capWarning(result) && (
          <div className="warning" role="status">
            {capWarning(result)}
          </div>
        )}
      </JobPanel>
      {curve.length > 0 && <TrainCurves points={curve} />}
    </section>
  );
}

function FormField({
  id,
  name,
  value,
  error,
  disabled,
  hint,
  onChange,
}: {
  id: string;
  name: Exclude<FieldName, 'model'>;
  value: string;
  error?: string;
  disabled: boolean;
  /** Why the field is locked for the chosen model. */
  hint?: string;
  onChange: (v: string) => void;
}) {
  const described = [error ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
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
          aria-describedby={described}
          className={error ? 'invalid' : undefined}
          placeholder={hint ? '–' : undefined}
          title={hint}
        />
        {hint && (
          <div id={`${id}-hint`} className="small muted">
            {hint}
          </div>
        )}
        {error && (
          <div id={`${id}-err`} className="field-error">
            {error}
          </div>
        )}
      </div>
    </>
  );
}
