import { ZodError } from 'zod';
import { describe, expect, it } from 'vitest';
import { fileWith, tmpDb } from '../../test/helpers';
import { JobManager } from '../jobs/job-manager';
import { listDatasets } from '../store/datasets';
import { JobError, runJob, type JobApi, type JobProgress } from './await-job';
import { createServices, type FileGate } from './services';

// The real services over a real store file, with a gate that reads the paths it is given (the
// CLI's rule): runJob against the job manager as the CLI uses it.
const paths: FileGate = {
  readSource: (s) => (s.kind === 'path' ? s.path : ''),
  reportTarget: (_f, _u, path) => path ?? '',
};

function services(): { api: JobApi; jobs: JobManager; db: ReturnType<typeof tmpDb>['db']; path: string } {
  const { db, path } = tmpDb();
  const jobs = new JobManager();
  const dispatch = createServices({ db, jobs, dbPath: path, files: paths, host: 'cli' });
  return { api: { dispatch, onEvent: (l) => jobs.onEvent(l) }, jobs, db, path };
}

const LOG = 'user,item,time\nu1,i1,1500000000\nu1,i2,1500000100\nu2,i1,1500000200\n';

describe('runJob: a job call followed to its final event', () => {
  it("resolves with the 'done' event's result and relays progress; a second job is followed on its own", async () => {
    const { api, jobs } = services();
    const seen: JobProgress[] = [];
    const result = await runJob(api, 'importDataset', { source: { kind: 'path', path: fileWith('log.csv', LOG) } }, { onProgress: (p) => seen.push(p) });
    expect(result).toMatchObject({ users: 2, items: 2, events: 3, alreadyImported: false });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.fraction >= 0 && p.fraction <= 1 && typeof p.message === 'string')).toBe(true);
    expect(jobs.active).toBe(0);
    // A second job on the same manager is followed on its own, with its own answer.
    expect(await runJob(api, 'importDataset', { source: { kind: 'path', path: fileWith('log.csv', LOG) } })).toMatchObject({ alreadyImported: true });
  });

  it("rejects with a JobError carrying the 'error' event's body: an import's file and line, kind input", async () => {
    const { api, db } = services();
    const bad = fileWith('bad.csv', 'user,item,time\nu1,i1,1500000000\nu1,i2,not-a-time\n');
    const err = await runJob(api, 'importDataset', { source: { kind: 'path', path: bad } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobError);
    expect((err as JobError).body).toMatchObject({ kind: 'input', file: bad, line: 3 });
    expect((err as JobError).message).toMatch(/line 3: "not-a-time" is not a timestamp/);
    expect(listDatasets(db)).toEqual([]);
  });

  it('rejects a call the contract refuses before any job starts, with its ZodError', async () => {
    const { api, jobs } = services();
    let started = 0;
    jobs.onEvent(() => started++);
    const err = await runJob(api, 'trainModel', { datasetId: 1, settings: { dim: 0 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZodError);
    expect((err as ZodError).issues[0].message).toBe('dim must be a whole number from 1 to 512, got 0');
    expect(started).toBe(0);
  });

  it("cancels the job when the signal aborts, and rejects with an AbortError on its 'cancelled' event; nothing is stored", async () => {
    const { api, db } = services();
    const ac = new AbortController();
    ac.abort();
    const err = await runJob(api, 'importDataset', { source: { kind: 'path', path: fileWith('log.csv', LOG) } }, { signal: ac.signal }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError', message: 'import cancelled' });
    expect(listDatasets(db)).toEqual([]);
  });

  it('words a full store as one line naming the store and the cause, kind internal (the CLI exits 1 with it)', async () => {
    const { api, db, path } = services();
    await runJob(api, 'importDataset', { source: { kind: 'path', path: fileWith('small.csv', LOG) } });
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 8}`);
    const rows = ['user,item,time'];
    for (let e = 0; e < 60_000; e++) rows.push(`user${e % 3000},item${(e * 7919) % 5000},${1_500_000_000 + e}`);
    const err = await runJob(api, 'importDataset', { source: { kind: 'path', path: fileWith('big.csv', `${rows.join('\n')}\n`) } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobError);
    expect((err as JobError).body).toEqual({ kind: 'internal', message: `cannot write the store ${path}: the disk is full (SQLITE_FULL)` });
    expect(listDatasets(db)).toHaveLength(1);
  });
});
