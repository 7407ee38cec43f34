import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { failJob, runJob, setJobMessage, useJob } from '../../api/jobs';
import type { ApiErrorBody, ImportResult } from '../../api/types';
import { JobPanel } from '../../components/JobPanel';
import { fmtInt, plural } from '../../lib/format';
import { isActive } from '../../lib/job-state';
import { renameUploads } from '../../lib/upload-names';
import type { Dropped } from './use-file-drop';

const SLOT = 'import';
const FORMATS = ['auto', 'csv', 'tsv', 'semicolon', 'pipe', 'dat', 'jsonl', 'recbole'] as const;
const ACCEPT = '.csv,.tsv,.txt,.dat,.data,.json,.jsonl,.inter,.item,text/*';

/** Picks a purchase log (and optional titles file), then imports it as a job with progress. */
export function ImportPanel({ onImported, dropped, clearDropped }: { onImported: (id: number) => void; dropped: Dropped | null; clearDropped: () => void }) {
  const [events, setEvents] = useState<File | null>(null);
  const [titles, setTitles] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('auto');
  const [skipBad, setSkipBad] = useState(false);
  const job = useJob(SLOT);
  const id = useId();
  const eventsInput = useRef<HTMLInputElement>(null);
  const titlesInput = useRef<HTMLInputElement>(null);
  const handled = useRef<unknown>(null);
  // The host reports errors against the uploaded copy; show the name the user picked instead.
  const uploads = useRef(new Map<string, string>());

  // Files dropped on the window land here.
  useEffect(() => {
    if (!dropped) return;
    if (dropped.events) setEvents(dropped.events);
    if (dropped.titles) setTitles(dropped.titles);
    clearDropped();
  }, [dropped, clearDropped]);

  // A finished import opens the new dataset, once.
  useEffect(() => {
    if (job.status === 'done' && job.result && handled.current !== job.result) {
      handled.current = job.result;
      onImported((job.result as ImportResult).datasetId);
    }
  }, [job.status, job.result, onImported]);

  const start = async () => {
    if (!events) return;
    try {
      setJobMessage(SLOT, 'uploading…');
      const source = await api().fileSource(events);
      const itemsSource = titles ? await api().fileSource(titles) : undefined;
      uploads.current.clear();
      if (source.kind === 'upload') uploads.current.set(source.uploadId, events.name);
      if (itemsSource?.kind === 'upload' && titles) uploads.current.set(itemsSource.uploadId, titles.name);
      await runJob(SLOT, 'importDataset', {
        source,
        ...(itemsSource ? { itemsSource } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
        format,
        skipBadRows: skipBad,
      });
    } catch (e) {
      failJob(SLOT, e);
    }
  };

  const busy = isActive(job);
  const mapError = (e: ApiErrorBody) => renameUploads(e, uploads.current);
  const result = job.status === 'done' ? (job.result as ImportResult | undefined) : undefined;
  const skipped = result ? Object.entries(result.skipped ?? {}) : [];

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Import a purchase log</h2>
      <p className="muted small">CSV/TSV/…, JSON lines or RecBole .inter with user, item, (rating), timestamp. Or drop files onto the window.</p>
      <div className="form-grid">
        <label htmlFor={`${id}-events`}>Purchase log</label>
        <div className="file-field">
          <input ref={eventsInput} id={`${id}-events`} type="file" accept={ACCEPT} onChange={(e) => setEvents(e.target.files?.[0] ?? null)} disabled={busy} />
          {events && eventsInput.current?.files?.[0] !== events && <span className="muted small">dropped: {events.name}</span>}
        </div>
        <label htmlFor={`${id}-titles`}>Item titles (optional)</label>
        <div className="file-field">
          <input ref={titlesInput} id={`${id}-titles`} type="file" accept={ACCEPT} onChange={(e) => setTitles(e.target.files?.[0] ?? null)} disabled={busy} />
          {titles && (
            <span className="muted small">
              {titlesInput.current?.files?.[0] !== titles && `dropped: ${titles.name} `}
              <button type="button" className="link-btn" onClick={() => { setTitles(null); if (titlesInput.current) titlesInput.current.value = ''; }}>
                remove
              </button>
            </span>
          )}
        </div>
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} type="text" value={name} placeholder="from the file name" onChange={(e) => setName(e.target.value)} disabled={busy} />
        <label htmlFor={`${id}-format`}>Format</label>
        <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as (typeof FORMATS)[number])} disabled={busy}>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        <span />
        <label className="check">
          <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} disabled={busy} /> Skip bad rows (count them instead of failing)
        </label>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void start()} disabled={!events || busy}>
          Import
        </button>
      </div>
      <JobPanel slot={SLOT} job={job} label="Import" mapError={mapError}>
        {result && (
          <div className="success" role="status">
            Imported dataset #{result.datasetId}: {plural(result.users, 'user')}, {plural(result.items, 'item')}, {plural(result.events, 'event')}
            {skipped.length > 0 && <> · skipped {skipped.map(([k, v]) => `${fmtInt(v)} ${k}`).join(', ')}</>}
          </div>
        )}
      </JobPanel>
    </section>
  );
}
