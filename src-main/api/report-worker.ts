// The report worker (report-in-worker.ts starts it): loads the model on its own connection to
// the store and builds the report. Here in api/, the one layer that may join the store, the
// engine and report/ (jobs/ may not import report/: eslint.config.js).
import { loadModel } from '../engine/loaded-model';
import { serveWork } from '../jobs/work/serve-work';
import type { TrustFigure } from '../report/report-data';
import { buildReport, writePrivate, type ReportFormat } from '../report/write-report';
import { getDataset } from '../store/datasets';
import { openDb } from '../store/db';

export interface ReportWork {
  dbFile: string;
  modelId: number;
  user: string;
  format: ReportFormat;
  out: string;
  /** Which steps to detail (report/steps.ts); undefined: the format's default. */
  steps?: string;
  /** The model's attention-trust figure, when the caller has it (the services keep it per model). */
  trust?: TrustFigure | null;
}

/** The file's size once written; for PDF, the HTML that the caller's thread prints and writes. */
export type ReportWorkResult = { bytes: number } | { pdfHtml: string };

export interface ReportStep {
  done: number;
  total: number;
}

serveWork<ReportWork, ReportStep, ReportWorkResult>('report', ({ dbFile, modelId, user, format, out, steps, trust }, ctx) => {
  const db = openDb(dbFile);
  let built;
  try {
    const model = loadModel(db, modelId);
    built = buildReport(model, user, format, {
      steps,
      trust,
      datasetName: getDataset(db, model.record.datasetId)?.name ?? null,
      onStep: (done, total) => {
        ctx.throwIfCancelled();
        ctx.progress({ done, total });
      },
    });
  } finally {
    db.close();
  }
  if ('pdfHtml' in built) return built;
  ctx.commit();
  writePrivate(out, built.bytes);
  return { bytes: built.bytes.length };
});
