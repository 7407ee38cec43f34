import { resolve } from 'node:path';
import { loadModel } from '../engine/loaded-model';
import { runWorker } from '../jobs/work/run-worker';
import { abortError } from '../jobs/work/worker-errors';
import { workerEntry } from '../jobs/worker-entry';
import { printWithChromium, writePrivate, writeReport, type PrintPdf } from '../report/write-report';
import { getDataset } from '../store/datasets';
import type { Db } from '../store/db';
import type { ReportStep, ReportWork, ReportWorkResult } from './report-worker';

/** A report to write: what the worker builds (ReportWork, less the store it opens) and what stays on this thread. */
export interface ReportJob extends Omit<ReportWork, 'dbFile'> {
  /** Prints a PDF's HTML on this thread: Electron's printToPDF exists only in its main process. */
  printPdf?: PrintPdf;
  signal?: AbortSignal;
  onStep?: (done: number, total: number) => void;
}

/**
 * Writes one user's report (report/write-report.ts) with the model loaded and every step
 * explained in a worker thread on its own connection to the store; only a PDF's printing runs
 * here. Returns the file's size. A cancel writes no file. A store in memory builds it here.
 */
export async function writeReportInWorker(db: Db, job: ReportJob): Promise<number> {
  const { modelId, user, format, out, signal, onStep, steps, trust } = job;
  if (db.memory) {
    const model = loadModel(db, modelId);
    return writeReport(model, user, format, out, { steps, trust, datasetName: getDataset(db, model.record.datasetId)?.name ?? null, onStep }, job.printPdf);
  }
  const work: ReportWork = { dbFile: resolve(db.name), modelId, user, format, out, steps, trust };
  const built = await runWorker<ReportWorkResult, ReportStep>(workerEntry(import.meta.url, 'report-worker'), work, {
    what: 'report',
    signal,
    onProgress: (s) => onStep?.(s.done, s.total),
  });
  if ('bytes' in built) return built.bytes;
  const pdf = await (job.printPdf ?? printWithChromium)(built.pdfHtml);
  if (signal?.aborted) throw abortError('report');
  writePrivate(out, pdf);
  return pdf.length;
}
