// The model-analysis worker (analysis-in-worker.ts starts it): a model's slices of users, its
// whole model report, or a model file's import, computed on the worker's own connection to the
// store, off the thread that answers the UI (each ranks every test user: seconds).
import { loadModel } from '../engine/loaded-model';
import { modelSlices, type SliceOptions, type SlicesJson } from '../engine/slices';
import { yieldToInteractive, type InteractiveMarks } from '../jobs/work/interactive';
import { serveWork } from '../jobs/work/serve-work';
import { buildModelReportData } from '../report/model-report-data';
import { renderModelHtml } from '../report/model-html';
import { writePrivate } from '../report/write-report';
import { getDataset } from '../store/datasets';
import { openDb } from '../store/db';
import { importModelFile } from '../engine/import-model';
import { modelInfo } from './model-info';
import type { ImportModelJson } from './results';

export type AnalysisWork =
  | ({ dbFile: string; modelId: number; marks?: InteractiveMarks } & (
      | { task: 'slices'; slices: Omit<SliceOptions, 'signal' | 'perUser' | 'onProgress'> }
      | { task: 'model-report'; format: 'html' | 'pdf' | 'json'; out: string }
    ))
  | { task: 'import-model'; dbFile: string; datasetId: number; file: string; name?: string; marks?: InteractiveMarks };

export interface AnalysisProgress {
  fraction: number;
  message: string;
}

/** Slices; or the report's size once written; for PDF, the HTML the caller's thread prints and writes; or the model imported. */
export type AnalysisResult = { slices: SlicesJson } | { bytes: number } | { pdfHtml: string } | { imported: ImportModelJson };

serveWork<AnalysisWork, AnalysisProgress, AnalysisResult>('model analysis', async (work, ctx) => {
  if (work.task === 'import-model') {
    // Its own connection, written once at the end (saveModel is one INSERT): a cancel before
    // then leaves the store as it was.
    const db = openDb(work.dbFile);
    try {
      const r = await importModelFile(db, {
        datasetId: work.datasetId,
        file: work.file,
        name: work.name,
        signal: ctx.signal,
        onProgress: (fraction, message) => {
          ctx.throwIfCancelled();
          ctx.progress({ fraction, message });
        },
        beforeSave: () => ctx.commit(),
      });
      return { imported: { ...modelInfo(r.model), imported: r.imported } };
    } finally {
      db.close();
    }
  }
  const db = openDb(work.dbFile);
  let model;
  let datasetName: string | null = null;
  try {
    model = loadModel(db, work.modelId);
    datasetName = getDataset(db, model.record.datasetId)?.name ?? null;
  } finally {
    db.close();
  }
  // Progress goes out at most every 100 ms: an influence step can take microseconds.
  let last = 0;
  const report = (p: AnalysisProgress) => {
    ctx.throwIfCancelled();
    const now = performance.now();
    if (now - last < 100 && p.fraction < 1) return;
    last = now;
    yieldToInteractive(work.marks);
    ctx.progress(p);
  };
  if (work.task === 'slices') {
    report({ fraction: 0, message: 'ranking every test user' });
    return { slices: await modelSlices(model, { ...work.slices, signal: ctx.signal, onProgress: (fraction, message) => report({ fraction, message }) }) };
  }
  const data = await buildModelReportData(model, {
    datasetName,
    signal: ctx.signal,
    onProgress: report,
  });
  if (work.format === 'pdf') return { pdfHtml: renderModelHtml(data) };
  const bytes = Buffer.from(work.format === 'json' ? JSON.stringify(data, null, 2) : renderModelHtml(data), 'utf8');
  ctx.commit();
  writePrivate(work.out, bytes);
  return { bytes: bytes.length };
});
