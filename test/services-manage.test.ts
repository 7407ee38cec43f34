import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../src-main/api/contract';
import { createServices, type FileGate } from '../src-main/api/services';
import { InputError } from '../src-main/core/errors';
import { JobManager } from '../src-main/jobs/job-manager';
import { trainJob } from '../src-main/jobs/train/train-job';
import { getDataset } from '../src-main/store/datasets';
import { getModel } from '../src-main/store/models';
import { importDemo } from './demo-model';
import { tmpDb } from './helpers';

// These calls never touch a file, so the host's file gate only has to exist.
const noFiles: FileGate = {
  readSource: () => {
    throw new InputError('no files in this test');
  },
  reportTarget: () => {
    throw new InputError('no files in this test');
  },
};

function until(jobs: JobManager, jobId: string, type: JobEvent['type']): Promise<JobEvent> {
  return new Promise((resolve) => {
    const off = jobs.onEvent((e) => {
      if (e.jobId === jobId && e.type === type) {
        off();
        resolve(e);
      }
    });
  });
}

describe('managing datasets and models through the services', () => {
  it('refuses to delete a dataset while a job trains on it, renames it meanwhile, deletes it with its models after', async () => {
    const { db, path } = tmpDb();
    const datasetId = await importDemo(db);
    const { model: pop } = await trainJob(db, { datasetId, config: { model: 'pop' } });
    const jobs = new JobManager();
    const call = createServices({ db, jobs, dbPath: path, files: noFiles, host: 'web' });

    const { jobId } = (await call('trainModel', { datasetId, settings: { dim: 8, slots: 5, epochs: 500, patience: 500 } })) as { jobId: string };
    const cancelled = until(jobs, jobId, 'cancelled');
    await expect(call('deleteDataset', { datasetId })).rejects.toThrow(
      new RegExp(`dataset ${datasetId} \\("purchases"\\) is in use by a running train job: cancel it or let it finish`),
    );
    expect(getDataset(db, datasetId)).toBeDefined();
    expect(getModel(db, pop.modelId)).toBeDefined();
    expect(await call('renameDataset', { datasetId, name: ' Demo ' })).toEqual({ datasetId, name: 'Demo' });

    await call('cancelJob', { jobId });
    await cancelled;
    // Kept per model by the services: deleting the dataset must forget it with the model.
    expect(await call('attentionTrust', { modelId: pop.modelId })).toHaveProperty('note');
    expect(await call('deleteDataset', { datasetId })).toEqual({ deleted: { datasetId, name: 'Demo', events: 10185, models: [pop.modelId] } });
    expect(getModel(db, pop.modelId)).toBeUndefined();
    await expect(call('deleteDataset', { datasetId })).rejects.toThrow(`no dataset ${datasetId}`);
    await expect(call('deleteModel', { modelId: pop.modelId })).rejects.toThrow(`no model ${pop.modelId}`);
    await expect(call('attentionTrust', { modelId: pop.modelId })).rejects.toThrow(`no model ${pop.modelId}`);
    await expect(call('renameDataset', { datasetId, name: '   ' })).rejects.toThrow(/name cannot be empty/);
  });

  it('lists a model as the models table shows it, and deletes it unless a job uses it', async () => {
    const { db, path } = tmpDb();
    const datasetId = await importDemo(db);
    const { model } = await trainJob(db, { datasetId, config: { model: 'pop' } });
    const jobs = new JobManager();
    const call = createServices({ db, jobs, dbPath: path, files: noFiles, host: 'web' });
    const listed = (await call('listModels', {})) as { modelId: number; datasetId: number; kind: string; createdAt: string }[];
    expect(listed).toMatchObject([{ modelId: model.modelId, datasetId, kind: 'pop', createdAt: model.createdAt }]);

    // A job that uses the model (a report, say) holds it until it ends.
    let finish!: () => void;
    const { jobId } = jobs.start('report', () => new Promise<void>((r) => (finish = r)), { modelId: model.modelId, datasetId });
    const done = until(jobs, jobId, 'done');
    await expect(call('deleteModel', { modelId: model.modelId })).rejects.toThrow(`model ${model.modelId} is in use by a running report job`);
    await expect(call('deleteDataset', { datasetId })).rejects.toThrow(/in use by a running report job/);
    await new Promise((r) => setImmediate(r)); // the job's work starts on the next tick
    finish();
    await done;
    expect(jobs.usersOf({ modelId: model.modelId })).toEqual([]);
    expect(await call('deleteModel', { modelId: model.modelId })).toEqual({ deleted: { modelId: model.modelId, datasetId, model: 'pop' } });
    expect(await call('listModels', {})).toEqual([]);
  });
});
