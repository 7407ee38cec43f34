import { useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { failJob, runJob, setJobMessage, useJob } from '../../api/jobs';
import type { ApiErrorBody, ImportModelJson } from '../../api/types';
import { JobPanel } from '../../components/JobPanel';
import { fmtPct } from '../../lib/format';
import { isActive } from '../../lib/job-state';
import { renameUploads } from '../../lib/upload-names';

const SLOT = 'import-model';

/**
 * A model trained elsewhere (scale/train_rum.py on a cluster, another workbench's export) into
 * this dataset: checked against its users and items, evaluated here, then listed with the rest.
 */
export function ImportModelPanel({ datasetId }: { datasetId: number }) {
  const [file, setFile] = useState<File | null>(null);
  const job = useJob(SLOT);
  const id = useId();
  const uploads = useRef(new Map<string, string>());
  // The models table refetches when the job is done (any finished job bumps the data version).
  const result = job.status === 'done' ? (job.result as ImportModelJson | undefined) : undefined;

  const start = async () => {
    if (!file) return;
    try {
      setJobMessage(SLOT, 'uploading…');
      const source = await api().fileSource(file);
      uploads.current.clear();
      if (source.kind === 'upload') uploads.current.set(source.uploadId, file.name);
      await runJob(SLOT, 'importModel', { datasetId, source });
    } catch (e) {
      failJob(SLOT, e);
    }
  };
  const busy = isActive(job);
  const reported = result?.imported.reported;
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="import-model">
      <h2 id={`${id}-h`}>Import a model trained elsewhere</h2>
      <p className="muted small">
        A model file in the export-model format, e.g. from <code>scale/train_rum.py</code> under torchrun. Its users and items must be this dataset&apos;s; it is evaluated here
        before it is listed, and every view then works on it.
      </p>
      <div className="form-grid">
        <label htmlFor={`${id}-file`}>Model file (.json)</label>
        <input id={`${id}-file`} type="file" accept=".json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} disabled={busy} />
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void start()} disabled={!file || busy}>
          Import model
        </button>
      </div>
      <JobPanel slot={SLOT} job={job} label="Import model" mapError={(e: ApiErrorBody) => renameUploads(e, uploads.current)}>
        {result && result.test && (
          <div className="success" role="status" data-testid="imported-model" data-model-id={result.modelId} data-hr={result.test.metrics.hr}>
            Imported model #{result.modelId} ({result.kind}): HR@{result.test.n} {fmtPct(result.test.metrics.hr)}, NDCG@{result.test.n} {fmtPct(result.test.metrics.ndcg)} here
            {reported ? (
              <>
                {' '}
                · the file&apos;s own HR@{reported.n} {fmtPct(reported.metrics.hr)}, NDCG {fmtPct(reported.metrics.ndcg)} (largest difference {result.imported.largestDifference!.toExponential(1)})
              </>
            ) : (
              ' · the file gives no figures of its own'
            )}
          </div>
        )}
      </JobPanel>
    </section>
  );
}
