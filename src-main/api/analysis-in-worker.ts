import { resolve } from 'node:path';
import { interactiveMarks } from '../jobs/work/interactive';
import { runWorker } from '../jobs/work/run-worker';
import { workerEntry } from '../jobs/worker-entry';
import type { Db } from '../store/db';
import type { AnalysisProgress, AnalysisResult, AnalysisWork } from './analysis-worker';

type SlicesTask = Omit<Extract<AnalysisWork, { task: 'slices' }>, 'dbFile' | 'marks'>;
type ReportTask = Omit<Extract<AnalysisWork, { task: 'model-report' }>, 'dbFile' | 'marks'>;
type ImportTask = Omit<Extract<AnalysisWork, { task: 'import-model' }>, 'dbFile' | 'marks'>;

/**
 * A model's slices or model report (analysis-worker.ts) in a worker thread on its own connection
 * to the store, so the thread answering the UI stays free; the signal cancels it. A store in
 * memory, which no other connection can open, is refused: the services' tests use files.
 */
export async function analysisInWorker(db: Db, task: SlicesTask | ReportTask | ImportTask, run: { signal?: AbortSignal; onProgress?: (p: AnalysisProgress) => void } = {}): Promise<AnalysisResult> {
  if (db.memory) throw new Error('model analysis needs a store file (the worker opens its own connection)');
  const work = { ...task, dbFile: resolve(db.name), marks: interactiveMarks() } as AnalysisWork;
  return runWorker<AnalysisResult, AnalysisProgress, AnalysisWork>(workerEntry(import.meta.url, 'analysis-worker'), work, {
    what: task.task === 'slices' ? 'slices' : task.task === 'import-model' ? 'import-model' : 'model report',
    signal: run.signal,
    onProgress: run.onProgress,
  });
}
