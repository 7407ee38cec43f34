import { InputError } from '../../core/errors';
import { Worker } from 'node:worker_threads';
import { DEFAULT_CONFIG, validateConfig, type TrainConfig } from '../../core/train/config';
import type { TrainProgress } from '../../core/train/trainer';
import { getDataset } from '../../store/datasets';
import { loadUserTimelines } from '../../store/user-timelines';
import type { Db } from '../../store/db';
import { findCachedModel, saveModel, type ModelRecord } from '../../store/models';
import { workerEntry } from '../worker-entry';
import type { TrainTaskInput, TrainTaskOutput } from './train-task';

export interface TrainJobOptions {
  datasetId: number;
  config?: Partial<TrainConfig>;
  /** Train again even when the same settings were trained before. */
  force?: boolean;
  backend?: TrainTaskInput['backend'];
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
}

export interface TrainJobResult {
  model: ModelRecord;
  /** True when the model came from the store's cache and nothing was trained. */
  cached: boolean;
}

/**
 * Trains in a worker thread and stores the result in one transaction. A cancel or a crash
 * writes nothing, so the store stays as it was.
 */
export async function trainJob(db: Db, opts: TrainJobOptions): Promise<TrainJobResult> {
  const config: TrainConfig = { ...DEFAULT_CONFIG, ...opts.config };
  validateConfig(config);
  if (!getDataset(db, opts.datasetId)) throw new InputError(`no dataset ${opts.datasetId} (see: rum-workbench datasets)`);
  if (!opts.force) {
    const cached = findCachedModel(db, opts.datasetId, config);
    if (cached) return { model: cached, cached: true };
  }
  const input: TrainTaskInput = { timelines: loadUserTimelines(db, opts.datasetId), config, backend: opts.backend };
  const output = await runInWorker(input, opts);
  // Another process (the CLI next to the app) may have deleted the dataset meanwhile.
  if (!getDataset(db, opts.datasetId)) throw new InputError(`dataset ${opts.datasetId} was deleted while the model trained; nothing was saved`);
  const model = saveModel(db, {
    datasetId: opts.datasetId,
    kind: config.model,
    config,
    seed: config.seed,
    backend: output.backend,
    curve: output.curve,
    metrics: { ...output.summary, test: output.summary.test },
    epochs: output.epochs,
    seconds: output.seconds,
    arrays: output.arrays,
  });
  return { model, cached: false };
}

function runInWorker(input: TrainTaskInput, opts: TrainJobOptions): Promise<TrainTaskOutput> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(abortError());
    const cancelFlag = new SharedArrayBuffer(4);
    const worker = new Worker(workerEntry(import.meta.url, 'train-worker'), { workerData: { input, cancelFlag } });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      f();
      void worker.terminate();
    };
    const onAbort = () => {
      Atomics.store(new Int32Array(cancelFlag), 0, 1);
      // A worker stuck outside the batch loop (e.g. a long evaluation) is stopped outright.
      setTimeout(() => finish(() => reject(abortError())), 2000).unref();
    };
    opts.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: { type: string } & Record<string, unknown>) => {
      if (m.type === 'progress') opts.onProgress?.(m.progress as TrainProgress);
      else if (m.type === 'done') finish(() => resolve(m.output as TrainTaskOutput));
      else if (m.type === 'error') {
        const e =
          m.name === 'AbortError'
            ? abortError()
            : m.name === 'InputError'
              ? new InputError(m.message as string)
              : Object.assign(new Error(m.message as string), { name: m.name, stack: m.stack });
        finish(() => reject(e));
      }
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`training worker exited with code ${code}`))));
  });
}

function abortError(): Error {
  return Object.assign(new Error('training cancelled'), { name: 'AbortError' });
}
