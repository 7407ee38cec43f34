import { readFileSync } from 'node:fs';
import { evaluateModel } from '../engine/evaluate-model';
import { compareStep } from '../engine/compare-step';
import { whatIf } from '../engine/whatif';
import { interactive } from '../jobs/work/interactive';
import { explainUserStep, userTimeline, userTimelineRanks, userTimelineWeights } from '../engine/explain-service';
import { modelAttentionTrust, type AttentionTrustJson } from '../engine/attention-trust';
import { INFLUENCE_SEED, influenceRefusal, type InfluencesJson } from '../engine/influences';
import { influencesInWorker } from './influences-in-worker';
import { analysisInWorker } from './analysis-in-worker';
import { loadModel, type LoadedModel } from '../engine/loaded-model';
import { currentBackend, type BackendName } from '../engine/backend';
import { InputError } from '../core/errors';
import { DEFAULT_THRESHOLDS } from '../core/explain/timeline';
import { importDataset } from '../jobs/import/import-dataset';
import type { JobManager, JobUses, ProgressFn } from '../jobs/job-manager';
import { trainJob } from '../jobs/train/train-job';
import { deleteDataset, getDataset, listDatasets, renameDataset } from '../store/datasets';
import type { Db } from '../store/db';
import { deleteModel, getModel, listModels } from '../store/models';
import { forgetItemCatalogue, searchItems as findItems } from '../store/items';
import { parseInput, TRAIN_BACKENDS, type Input, type Method } from './contract';
import { NotFoundError } from './errors';
import { listModelUsers } from './list-users';
import { workerRanker } from './ranks-in-worker';
import { timelineRanksReady } from '../engine/user-ranks';
import { modelExport } from './model-export';
import type { writeReportInWorker as WriteReportInWorker } from './report-in-worker';
import { modelInfo } from './model-info';
import type { JobMethod, JobResult, JobStarted, Result } from './results';
import { asStoreFailure } from './store-errors';

export type { ModelInfo } from './model-info';

export type FileSource = Input<'importDataset'>['source'];

/**
 * The host's say over files. A path a caller names is a capability (it could read or overwrite
 * any file the user can), so services never open one on their own: the web host accepts only
 * its own uploads and writes reports only where it serves downloads from; the desktop host
 * accepts only paths that came from its own dialogs or from a file the user dropped.
 */
export interface FileGate {
  /** The file to read for an import source, or an InputError saying why not. */
  readSource(source: FileSource): string;
  /** Called once an import that read this source has ended (done, failed or cancelled). */
  releaseSource?(source: FileSource): void;
  /** The file a report is written to, given the path the call named (if any), or an InputError. */
  reportTarget(format: string, user: string, path: string | undefined): string;
}

export interface ServiceDeps {
  db: Db;
  jobs: JobManager;
  dbPath: string;
  files: FileGate;
  /** Prints report HTML to PDF; by default the system's Chromium (report/pdf.ts). */
  printPdf?: (html: string) => Promise<Buffer>;
  host: 'electron' | 'web' | 'cli';
}

// The contract names the backends a training may ask for; this fails to compile when engine's list differs.
const backendsAgree: [BackendName] extends [(typeof TRAIN_BACKENDS)[number]] ? ([(typeof TRAIN_BACKENDS)[number]] extends [BackendName] ? true : never) : never = true;
void backendsAgree;

const HISTOGRAM_BINS = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000];

// Reports load on first use: report/ brings Chromium's driver (playwright-core), which a
// command that only lists datasets should not pay for at start-up (the CLI's `datasets`).
const reportWriter = async (): Promise<typeof WriteReportInWorker> => (await import('./report-in-worker')).writeReportInWorker;

/** Each handler must answer its method's Result (api/results.ts): another shape does not compile. */
export type Handlers = { [M in Method]: (input: Input<M>) => Result<M> | Promise<Result<M>> };

/** The implementation of every contract call, shared by the Electron and web hosts and the CLI. */
export function createServices(deps: ServiceDeps) {
  const { db, jobs } = deps;
  // Loading a model recomputes its split from the events: keep the last few, since stepping
  // through a timeline calls explainStep many times a second on the same model.
  const cache = new Map<number, LoadedModel>();
  const trustCache = new Map<number, Promise<AttentionTrustJson>>();
  // Influence maps by their input (model, by, part, users, seed), each with its strongest 1,000
  // pairs: a map takes seconds, and the view, the CLI and a slice ask for the same one again.
  const influenceCache = new Map<string, InfluencesJson>();
  const model = (id: number): LoadedModel => {
    let m = cache.get(id);
    if (!m) {
      m = loadModel(db, id);
      cache.set(id, m);
      if (cache.size > 4) cache.delete(cache.keys().next().value!);
    }
    return m;
  };

  // Deleting what a running job reads would fail the job halfway (or save a model of nothing).
  const refuseWhileInUse = (what: string, uses: JobUses) => {
    const kinds = jobs.usersOf(uses);
    if (kinds.length) {
      throw new InputError(`${what} is in use by a running ${[...new Set(kinds)].join(' and ')} job: cancel it or let it finish, then delete again`);
    }
  };

  // A job's work is typed by what its 'done' event carries (api/results.ts JobResults). A full
  // disk or a locked store fails with one line naming the store and the cause: the 'error'
  // event carries a message, not SQLite's code.
  const job = <M extends JobMethod>(
    _method: M,
    kind: string,
    work: (signal: AbortSignal, progress: ProgressFn) => Promise<JobResult<M>>,
    uses?: JobUses,
  ): JobStarted =>
    jobs.start(
      kind,
      (signal, progress) =>
        work(signal, progress).catch((e: unknown) => {
          throw asStoreFailure(e, deps.dbPath);
        }),
      uses,
    );

  /**
   * exportReport without a user: the model report (report/model-html.ts), built in the analysis
   * worker; HTML, PDF (the worker's HTML printed here, as user reports are) or JSON.
   */
  const modelReport = (modelId: number, format: 'html' | 'pdf' | 'csv' | 'json', path: string | undefined, steps: string | undefined): JobStarted => {
    if (format === 'csv') throw new InputError('the model report is html, pdf or json (csv rows are one user\u2019s steps: name a user)');
    if (steps !== undefined) throw new InputError('steps belong to a user\u2019s report: the model report has none (name a user, or leave out steps)');
    const rec = getModel(db, modelId);
    if (!rec) throw new NotFoundError('model', modelId);
    const out = deps.files.reportTarget(format, `model-${modelId}`, path);
    return job('exportReport', 'report', async (signal, progress) => {
      const r = await analysisInWorker(db, { task: 'model-report', modelId, format, out }, { signal, onProgress: (p) => progress(p.fraction, p.message) });
      if ('pdfHtml' in r) {
        // Loaded when a PDF is asked for, as the user report's writer is: the CLI's start stays small.
        const { printWithChromium, writePrivate } = await import('../report/write-report');
        const pdf = await (deps.printPdf ?? printWithChromium)(r.pdfHtml);
        signal.throwIfAborted();
        writePrivate(out, pdf);
        return { path: out, bytes: pdf.length, format };
      }
      return { path: out, bytes: 'bytes' in r ? r.bytes : 0, format };
    }, { modelId, datasetId: rec.datasetId });
  };

  const handlers: Handlers = {
    appInfo: () => ({
      name: 'RUM workbench',
      version: (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
      host: deps.host,
      dbPath: deps.dbPath,
      backend: currentBackend(),
    }),
    listDatasets: () => listDatasets(db),
    datasetSummary: ({ datasetId }) => {
      const ds = getDataset(db, datasetId);
      if (!ds) throw new NotFoundError('dataset', datasetId);
      const counts = db.prepare('SELECT count(*) FROM events WHERE dataset_id = ? GROUP BY user_idx').pluck().all(datasetId) as number[];
      const bins = HISTOGRAM_BINS.map((lo, k) => ({ from: lo, to: HISTOGRAM_BINS[k + 1] ? HISTOGRAM_BINS[k + 1] - 1 : null, users: 0 }));
      for (const c of counts) {
        let k = bins.length - 1;
        while (k > 0 && c < bins[k].from) k--;
        bins[k].users++;
      }
      return { ...ds, eventsPerUser: bins, usersWithTenOrMore: counts.filter((c) => c >= 10).length };
    },
    importDataset: (input) => {
      const sources = input.itemsSource ? [input.source, input.itemsSource] : [input.source];
      const release = () => sources.forEach((s) => deps.files.releaseSource?.(s));
      let file: string, itemsFile: string | undefined;
      try {
        // Checked before the job starts, so a refused path is the call's own error (HTTP 400).
        file = deps.files.readSource(input.source);
        itemsFile = input.itemsSource ? deps.files.readSource(input.itemsSource) : undefined;
      } catch (e) {
        release();
        throw e;
      }
      return job('importDataset', 'import', async (signal, progress) => {
        try {
          return await importDataset(db, {
            file,
            itemsFile,
            name: input.name,
            sourceName: input.source.kind === 'upload' ? input.source.name : undefined,
            itemsName: input.itemsSource?.kind === 'upload' ? input.itemsSource.name : undefined,
            format: input.format,
            columns: input.columns,
            skipBadRows: input.skipBadRows,
            signal,
            onProgress: (p) => progress(p.totalBytes ? p.bytes / p.totalBytes : 0, p.phase, p),
          });
        } finally {
          release();
        }
      });
    },
    listModels: ({ datasetId }) => listModels(db, datasetId).map(modelInfo),
    trainModel: ({ datasetId, settings, force, backend }) =>
      job('trainModel', 'train', async (signal, progress) => {
        const { model: m, cached } = await trainJob(db, {
          datasetId,
          config: settings,
          force,
          backend,
          signal,
          onProgress: (p) => progress(((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches), `epoch ${p.epoch} of ${p.epochs}`, p),
        });
        return { ...modelInfo(m), cached };
      }, { datasetId }),
    alphaSweep: ({ datasetId, alphas, settings }) =>
      job('alphaSweep', 'alpha-sweep', async (signal, progress) => {
        const points = [];
        for (const [k, alpha] of alphas.entries()) {
          const { model: m } = await trainJob(db, {
            datasetId,
            config: { ...settings, model: 'rum-item', alpha },
            signal,
            onProgress: (p) => progress((k + p.epoch / p.epochs) / alphas.length, `alpha ${alpha}: epoch ${p.epoch}`),
          });
          points.push({ alpha, modelId: m.modelId, metrics: modelInfo(m).test!.metrics });
        }
        return { points };
      }, { datasetId }),
    evaluateModel: async ({ modelId, n }) => {
      const m = model(modelId);
      const started = performance.now();
      const ev = await evaluateModel(m, n ?? 5);
      return { ...ev, modelId, kind: m.record.kind, backend: currentBackend(), seconds: (performance.now() - started) / 1000 };
    },
    listUsers: (input) => listModelUsers(model(input.modelId), input, workerRanker(db, input.modelId)),
    // Calls a person waits on go first: the ranks worker sleeps while they run (jobs/work/interactive.ts).
    explainStep: ({ modelId, user, step, top, item, shapleyFor }) => interactive(() => explainUserStep(model(modelId), user, { step, top, item, shapleyFor })),
    // Computed once per model (a sample of up to 1,000 steps, seconds at K = 20) and kept.
    attentionTrust: ({ modelId }) => {
      let t = trustCache.get(modelId);
      if (!t) {
        t = modelAttentionTrust(model(modelId));
        trustCache.set(modelId, t);
        t.catch(() => trustCache.delete(modelId));
      }
      return t;
    },
    // A kind without a purchase memory is refused here, before any job starts (exit 2, HTTP 400).
    influenceMap: ({ modelId, by, part, top, users, seed }) => {
      const rec = getModel(db, modelId);
      if (!rec) throw new NotFoundError('model', modelId);
      const input = { modelId, by: by ?? 'shapley', part: part ?? 'train', users, seed: seed ?? INFLUENCE_SEED } as const;
      const refusal = influenceRefusal(modelId, rec.kind, input.by);
      if (refusal) throw new InputError(refusal);
      const key = JSON.stringify(input);
      return job('influenceMap', 'influences', async (signal, progress) => {
        let map = influenceCache.get(key);
        const cached = map !== undefined;
        if (!map) {
          map = await influencesInWorker(db, input, { signal, onStep: (done, total) => progress(done / total, `step ${done} of ${total}`, { done, total }) });
          influenceCache.set(key, map);
          if (influenceCache.size > 16) influenceCache.delete(influenceCache.keys().next().value!);
        }
        return { ...map, pairs: map.pairs.slice(0, top ?? 50), cached };
      }, { modelId, datasetId: rec.datasetId });
    },
    timeline: async ({ modelId, user, minWeight, minFollowers, ranks }) => {
      const m = model(modelId);
      const thresholds = { minWeight: minWeight ?? DEFAULT_THRESHOLDS.minWeight, minFollowers: minFollowers ?? DEFAULT_THRESHOLDS.minFollowers };
      // The ranks are computed in a worker thread (a store in memory: here, a slice at a time;
      // engine/user-ranks.ts), so explanations asked meanwhile are answered at once;
      // userTimeline then finds them kept.
      if (ranks !== false) await timelineRanksReady(m, user, workerRanker(db, modelId));
      return userTimeline(m, user, thresholds, { ranks });
    },
    timelineWeights: ({ modelId, user, minWeight, minFollowers }) =>
      interactive(() => userTimelineWeights(model(modelId), user, { minWeight: minWeight ?? DEFAULT_THRESHOLDS.minWeight, minFollowers: minFollowers ?? DEFAULT_THRESHOLDS.minFollowers })),
    timelineRanks: async ({ modelId, user }) => {
      const m = model(modelId);
      await timelineRanksReady(m, user, workerRanker(db, modelId));
      return userTimelineRanks(m, user);
    },
    compareStep: ({ modelId, otherModelId, user, step, top }) => interactive(() => compareStep(model(modelId), model(otherModelId), user, { step, top })),
    whatIf: ({ modelId, user, step, top, edits, minimal }) => interactive(() => whatIf(model(modelId), user, { step, top, edits, minimal })),
    // Among the model's own items: one its filters dropped has no score to explain.
    searchItems: ({ modelId, query, limit }) => {
      const m = model(modelId);
      return { items: findItems(db, m.record.datasetId, { query, limit: limit ?? 20, among: m.arrays.itemOf }) };
    },
    modelSlices: ({ modelId, by, bins, item }) => {
      const rec = getModel(db, modelId);
      if (!rec) throw new NotFoundError('model', modelId);
      if (by === 'item' && item === undefined) throw new InputError('slicing by item needs "item": an item id as in the imported file');
      return job('modelSlices', 'slices', async (signal, progress) => {
        const r = await analysisInWorker(db, { task: 'slices', modelId, slices: { by, bins, item } }, { signal, onProgress: (p) => progress(p.fraction, p.message) });
        if (!('slices' in r)) throw new Error('the analysis worker answered slices with something else');
        return r.slices;
      }, { modelId, datasetId: rec.datasetId });
    },
    importModel: ({ datasetId, source }) => {
      if (!getDataset(db, datasetId)) throw new NotFoundError('dataset', datasetId);
      // Checked before the job starts, so a refused path is the call's own error (HTTP 400).
      let file: string;
      try {
        file = deps.files.readSource(source);
      } catch (e) {
        deps.files.releaseSource?.(source);
        throw e;
      }
      return job('importModel', 'import-model', async (signal, progress) => {
        try {
          const r = await analysisInWorker(
            db,
            { task: 'import-model', datasetId, file, name: source.kind === 'upload' ? source.name : undefined },
            { signal, onProgress: (p) => progress(p.fraction, p.message) },
          );
          if (!('imported' in r)) throw new Error('the analysis worker answered import-model with something else');
          return r.imported;
        } finally {
          deps.files.releaseSource?.(source);
        }
      }, { datasetId });
    },
    exportReport: ({ modelId, user, format, path, steps }) => {
      if (user === undefined) return modelReport(modelId, format, path, steps);
      const out = deps.files.reportTarget(format, user, path);
      return job('exportReport', 'report', async (signal, progress) => {
        // The model's attention-trust figure goes in the report's summary (kept per model here,
        // so the worker need not recompute it); CSV rows are the user's steps only.
        const trust = format === 'csv' ? null : await handlers.attentionTrust({ modelId });
        // Loaded and explained in a worker on its own connection: this thread is the UI's (or the server's).
        const bytes = await (await reportWriter())(db, {
          modelId,
          user,
          format,
          out,
          steps,
          trust: trust && { top1Agreement: trust.top1Agreement, meanKendallTau: trust.meanKendallTau, steps: trust.steps, sampled: trust.sampled, note: trust.note },
          printPdf: deps.printPdf,
          signal,
          onStep: (done, total) => progress(done / total, `step ${done} of ${total}`, { done, total }),
        });
        return { path: out, bytes, format };
      }, { modelId, datasetId: getModel(db, modelId)?.datasetId });
    },
    deleteModel: ({ modelId }) => {
      refuseWhileInUse(`model ${modelId}`, { modelId });
      const m = deleteModel(db, modelId);
      if (!m) throw new NotFoundError('model', modelId, 'it may have been deleted already');
      cache.delete(modelId);
      trustCache.delete(modelId);
      // A later model may get this id again: its maps must not be this one's.
      for (const [key, map] of influenceCache) if (map.modelId === modelId) influenceCache.delete(key);
      return { deleted: { modelId, datasetId: m.datasetId, model: m.kind } };
    },
    deleteDataset: ({ datasetId }) => {
      const ds = getDataset(db, datasetId);
      if (!ds) throw new NotFoundError('dataset', datasetId, 'it may have been deleted already');
      refuseWhileInUse(`dataset ${datasetId} ("${ds.name}")`, { datasetId });
      const deleted = deleteDataset(db, datasetId)!;
      for (const id of deleted.models) {
        cache.delete(id);
        trustCache.delete(id);
      }
      forgetItemCatalogue(db, datasetId);
      return { deleted };
    },
    renameDataset: ({ datasetId, name }) => {
      const ds = renameDataset(db, datasetId, name);
      if (!ds) throw new NotFoundError('dataset', datasetId);
      return { datasetId, name: ds.name };
    },
    cancelJob: ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    exportModel: ({ modelId }) => modelExport(model(modelId)),
  };

  /** Validates and runs one call; a method named in the code answers its own Result. */
  function dispatch<M extends Method>(method: M, raw: unknown): Promise<Result<M>>;
  function dispatch(method: string, raw: unknown): Promise<Result<Method>>;
  async function dispatch(method: string, raw: unknown): Promise<Result<Method>> {
    if (!Object.prototype.hasOwnProperty.call(handlers, method)) throw new InputError(`unknown call "${method}"`);
    const m = method as Method;
    const input = parseInput(m, raw);
    return (handlers[m] as (i: typeof input) => Result<Method> | Promise<Result<Method>>)(input);
  }
  return dispatch;
}

export type Dispatch = ReturnType<typeof createServices>;
