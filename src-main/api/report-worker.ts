// The report worker (report-in-worker.ts starts it): loads the model on its own connection to
// the store and builds the report. Here in api/, the one layer that may join the store, the
// engine and report/ (jobs/ may not import report/: eslint.config.js).
import { loadModel } from '../engine/loaded-model';
import { serveWork } from '../jobs/work/serve-work';
import { buildReport, writePrivate, type ReportFormat } from '../report/write-report';
import { openDb } from '../store/db';

export interface ReportWork {
  dbFile: string;
  modelId: number;
  user: string;
  format: ReportFormat;
  out: string;
}

/** The file's size once written; for PDF, the HTML that the caller's thread prints and writes. */
export type ReportWorkResult = { bytes: number } | { pdfHtml: string };

export interface ReportStep {
  done: number;
  total: number;
}

serveWork<ReportWork, ReportStep, ReportWorkResult>('report', ({ dbFile, modelId, user, format, out }, ctx) => {
  const db = openDb(dbFile);
  let built;
  try {
    built = buildReport(loadModel(db, modelId), user, format, (done, total) => {
      ctx.throwIfCancelled();
      ctx.progress({ done, total });
    });
  } finally {
    db.close();
  }
  if ('pdfHtml' in built) return built;
  ctx.commit();
  writePrivate(out, built.bytes);
  return { bytes: built.bytes.length };
});
