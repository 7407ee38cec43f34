import { useEffect, useId, useRef, useState } from 'react';
import { api, basename } from '../../api/client';
import { runJob, useJob } from '../../api/jobs';
import type { ReportResult } from '../../api/types';
import { JobPanel } from '../../components/JobPanel';
import { fmtBytes } from '../../lib/format';
import { isActive } from '../../lib/job-state';

const SLOT = 'export';
const FORMATS = [
  { value: 'html', label: 'HTML' },
  { value: 'pdf', label: 'PDF' },
  { value: 'csv', label: 'CSV' },
  { value: 'json', label: 'JSON' },
] as const;
type Format = (typeof FORMATS)[number]['value'];

/** Writes this user's explanation report. The web host serves it as a download; Electron has already saved it. */
export function ExportPanel({ modelId, user }: { modelId: number; user: string }) {
  const [format, setFormat] = useState<Format>('html');
  const job = useJob(SLOT);
  const id = useId();
  const downloaded = useRef<unknown>(null);
  const result = job.status === 'done' ? (job.result as ReportResult | undefined) : undefined;
  const url = result ? api().downloadUrl(result.path) : null;

  // Start the browser download once per finished report.
  useEffect(() => {
    if (!result || !url || downloaded.current === result) return;
    downloaded.current = result;
    const a = document.createElement('a');
    a.href = url;
    a.download = basename(result.path);
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, [result, url]);

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
        <button type="button" onClick={() => void runJob(SLOT, 'exportReport', { modelId, user, format }, 'writing the report…')} disabled={isActive(job)}>
          Export report for {user}
        </button>
      </div>
      <JobPanel slot={SLOT} job={job} label="Export">
        {result && (
          <div className="success" role="status">
            {url ? (
              <>
                Report ready ({result.format.toUpperCase()}, {fmtBytes(result.bytes)}):{' '}
                <a href={url} download={basename(result.path)}>
                  download {basename(result.path)}
                </a>
              </>
            ) : (
              <>
                Saved to <code>{result.path}</code> ({fmtBytes(result.bytes)})
              </>
            )}
          </div>
        )}
      </JobPanel>
    </div>
  );
}
