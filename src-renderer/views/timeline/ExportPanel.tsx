import { useId, useState } from 'react';
import { useReportDownload } from '../../api/use-download';
import { runJob, useJob } from '../../api/jobs';
import type { ReportResult } from '../../api/types';
import { JobPanel } from '../../components/JobPanel';
import { ReportReady } from '../../components/ReportReady';
import { isActive } from '../../lib/job-state';

const SLOT = 'export';
const FORMATS = [
  { value: 'html', label: 'HTML' },
  { value: 'pdf', label: 'PDF' },
  { value: 'csv', label: 'CSV' },
  { value: 'json', label: 'JSON' },
] as const;
type Format = (typeof FORMATS)[number]['value'];

// Which steps the report details (docs/contract.md, `report --steps`); a range is typed in.
const STEP_CHOICES = [
  { value: 'default', label: 'Summary and the most telling steps' },
  { value: 'hits', label: 'Hits (bought item in the top N)' },
  { value: 'misses', label: 'Misses' },
  { value: 'all', label: 'Every step' },
  { value: 'range', label: 'A range of steps…' },
] as const;
type StepChoice = (typeof STEP_CHOICES)[number]['value'];

/** The `steps` of exportReport, or an error to show; undefined: the format's default. */
export function stepsInput(choice: StepChoice, range: string): { steps?: string; problem?: string } {
  if (choice === 'default') return {};
  if (choice !== 'range') return { steps: choice };
  const m = /^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$/.exec(range);
  if (!m) return { problem: 'Write a step (12) or a range (12-40), steps counted from 0.' };
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > to) return { problem: `The range must run forwards: ${to}-${from}?` };
  return { steps: `${from}-${to}` };
}

/** Writes this user's explanation report. The web host serves it as a download; Electron has already saved it. */
export function ExportPanel({ modelId, user }: { modelId: number; user: string }) {
  const [format, setFormat] = useState<Format>('html');
  const [choice, setChoice] = useState<StepChoice>('default');
  const [range, setRange] = useState('');
  const steps = stepsInput(choice, range);
  const job = useJob(SLOT);
  const id = useId();
  const result = job.status === 'done' ? (job.result as ReportResult | undefined) : undefined;
  const url = useReportDownload(result);

  return (
    <div className="export">
      <div className="inline-form">
        <label htmlFor={`${id}-fmt`}>Report format</label>
        <select id={`${id}-fmt`} value={format} onChange={(e) => setFormat(e.target.value as Format)} disabled={isActive(job)}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-steps`}>Steps in detail</label>
        <select id={`${id}-steps`} value={choice} onChange={(e) => setChoice(e.target.value as StepChoice)} disabled={isActive(job)}>
          {STEP_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        {choice === 'range' && (
          <>
            <label htmlFor={`${id}-range`}>Steps</label>
            <input
              id={`${id}-range`}
              type="text"
              inputMode="numeric"
              placeholder="e.g. 12-40"
              size={9}
              value={range}
              onChange={(e) => setRange(e.target.value)}
              aria-invalid={steps.problem !== undefined && range !== ''}
              aria-describedby={`${id}-range-help`}
              disabled={isActive(job)}
            />
            <span id={`${id}-range-help`} className={steps.problem && range !== '' ? 'error-message' : 'muted'}>
              {steps.problem && range !== '' ? steps.problem : 'from 0; both ends included'}
            </span>
          </>
        )}
        <button
          type="button"
          onClick={() => void runJob(SLOT, 'exportReport', { modelId, user, format, ...(steps.steps ? { steps: steps.steps } : {}) }, 'writing the report…')}
          disabled={isActive(job) || steps.problem !== undefined}
        >
          Export report for {user}
        </button>
      </div>
      <JobPanel slot={SLOT} job={job} label="Export">
        {result && <ReportReady result={result} url={url} what="Report" />}
      </JobPanel>
    </div>
  );
}
