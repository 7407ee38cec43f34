// "Open Dataset…" with Electron's dialogs replaced by stand-ins but everything behind them real:
// the services, the file gate, a SQLite store and a log file on disk. The paths the user picks
// are granted and imported; nothing else is.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobEvent } from '../../api/contract';
import { createServices, type Dispatch } from '../../api/services';
import { JobManager } from '../../jobs/job-manager';
import { listDatasets } from '../../store/datasets';
import { openDb, type Db } from '../../store/db';

const electron = vi.hoisted(() => ({ showOpenDialog: vi.fn(), showErrorBox: vi.fn() }));
vi.mock('electron', () => ({
  app: { isPackaged: true, getVersion: () => '0.0.0' },
  dialog: { showOpenDialog: electron.showOpenDialog, showErrorBox: electron.showErrorBox, showMessageBox: vi.fn() },
  Menu: { buildFromTemplate: (t: unknown) => t },
}));

const { openDataset } = await import('./menu');
const { PathGrants } = await import('./path-grants');

let dir: string;
let db: Db;
let jobs: JobManager;
let grants: InstanceType<typeof PathGrants>;
let dispatch: Dispatch;
const send = vi.fn();
const win = { webContents: { send } } as never;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rum-menu-'));
  db = openDb(join(dir, 'store', 'workbench.db'));
  jobs = new JobManager();
  grants = new PathGrants();
  dispatch = createServices({ db, jobs, dbPath: join(dir, 'store', 'workbench.db'), host: 'electron', files: grants.gate() });
  electron.showOpenDialog.mockReset();
  electron.showErrorBox.mockReset();
  send.mockReset();
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function jobEnd(jobId: string): Promise<JobEvent> {
  return new Promise((resolve) => jobs.onEvent((e) => e.jobId === jobId && e.type !== 'progress' && resolve(e)));
}

describe('Open Dataset…', () => {
  it('grants the picked log and titles for reading and imports them', async () => {
    const log = join(dir, 'log.csv');
    const titles = join(dir, 'titles.csv');
    writeFileSync(log, 'user,item,rating,timestamp\nu1,i1,5,1500000000\nu1,i2,4,1500000100\nu2,i1,3,1500000200\n');
    writeFileSync(titles, 'item_id,title\ni1,First\ni2,Second\n');
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [log] }).mockResolvedValueOnce({ canceled: false, filePaths: [titles] });
    await openDataset(win, dispatch, grants);
    expect(electron.showErrorBox).not.toHaveBeenCalled();
    expect(grants.allows(log, 'read') && grants.allows(titles, 'read')).toBe(true);
    const [channel, event] = send.mock.calls[0];
    expect(channel).toBe('rum:menu');
    expect(event).toMatchObject({ action: 'import-started' });
    expect(await jobEnd(event.jobId)).toMatchObject({ type: 'done', result: { users: 2, items: 2, events: 3 } });
    expect(listDatasets(db)).toHaveLength(1);
  });

  it('a cancelled titles dialog imports the log alone and grants nothing more', async () => {
    const log = join(dir, 'log.csv');
    writeFileSync(log, 'user,item,rating,timestamp\nu1,i1,5,1500000000\n');
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [log] }).mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await openDataset(win, dispatch, grants);
    const { jobId } = send.mock.calls[0][1];
    expect(await jobEnd(jobId)).toMatchObject({ type: 'done' });
    expect(grants.allows(join(dir, 'titles.csv'), 'read')).toBe(false);
  });

  it('a cancelled log dialog grants and imports nothing', async () => {
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await openDataset(win, dispatch, grants);
    expect(electron.showOpenDialog).toHaveBeenCalledOnce();
    expect(send).not.toHaveBeenCalled();
    expect(listDatasets(db)).toEqual([]);
  });

  it('the same services refuse a path the page names, with the reason', async () => {
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'user,item,rating,timestamp\nu1,i1,5,1500000000\n');
    await expect(dispatch('importDataset', { source: { kind: 'path', path: other } })).rejects.toThrow(/not chosen in the Open dialog or dropped/);
    expect(listDatasets(db)).toEqual([]);
  });
});
