import { useId, useState } from 'react';
import { runJob, useJob } from '../../api/jobs';
import type { ReportResult } from '../../api/types';
import { useReportDownload } from '../../api/use-download';
import { JobPanel } from '../../components/JobPanel';
import { ReportReady } from '../../components/ReportReady';
import { isActive } from '../../lib/job-state';

const SLOT = 'model-report';
const FORMATS = ['html', 'pdf', 'json'] as const;

/** The model report (exportReport without a user): metrics, attention trust, the map of influences and slices. */
export function ModelReportPanel({ modelId }: { modelId: number }) {
  const id = useId();
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('html');
  const job = useJob(SLOT);
  const result = job.status === 'done' ? (job.result as ReportResult | undefined) : undefined;
  const url = useReportDownload(result);
  return (
    <div className="inline-form" data-testid="model-report">
      <label htmlFor={`${id}-f`}>Model report</label>
      <select id={`${id}-f`} value={format} onChange={(e) => setFormat(e.target.value as (typeof FORMATS)[number])} disabled={isActive(job)}>
        {FORMATS.map((f) => (
          <option key={f} value={f}>
            {f.toUpperCase()}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void runJob(SLOT, 'exportReport', { modelId, format }, 'writing the model report…')} disabled={isActive(job)}>
        Export what model #{modelId} learned
      </button>
      <JobPanel slot={SLOT} job={job} label="Model report">
        {result && <ReportReady result={result} url={url} what="Model report" />}
      </JobPanel>
    </div>
  );
}
