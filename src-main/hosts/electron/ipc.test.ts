// The IPC handler with Electron replaced by stand-ins (no Electron binary here): who may call,
// how errors travel, how exportReport gets its path, and that job events reach the window.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../api/services';
import { InputError } from '../../core/errors';
import { JobManager } from '../../jobs/job-manager';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  showSaveDialog: vi.fn(),
}));
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => electron.handlers.set(channel, handler) },
  dialog: { showSaveDialog: electron.showSaveDialog },
  app: { getPath: () => '/home/ann/Documents' },
}));

const { registerIpc } = await import('./ipc');
const { APP_URL } = await import('./paths');

const send = vi.fn();
const win = { webContents: { send } };
const trusted = () => ({ sender: win.webContents, senderFrame: { url: `${APP_URL}#/datasets`, parent: null } });
let dispatch: ReturnType<typeof vi.fn>;
let jobs: JobManager;
let current: typeof win | undefined;
const call = (event: unknown, method: unknown, input?: unknown) => electron.handlers.get('rum:call')!(event, method, input);

beforeEach(() => {
  electron.handlers.clear();
  electron.showSaveDialog.mockReset();
  send.mockReset();
  dispatch = vi.fn(async (method: string) => ({ ran: method }));
  jobs = new JobManager();
  current = win;
  registerIpc(dispatch as unknown as Dispatch, jobs, () => current as never);
});

describe('rum:call', () => {
  it('runs a call from the app page and wraps the result', async () => {
    await expect(call(trusted(), 'listDatasets', {})).resolves.toEqual({ ok: true, value: { ran: 'listDatasets' } });
    expect(dispatch).toHaveBeenCalledWith('listDatasets', {});
  });

  it.each([
    ['another webContents', { ...trusted(), sender: { send } }],
    ['a subframe', { ...trusted(), senderFrame: { url: APP_URL, parent: {} } }],
    ['a foreign page', { ...trusted(), senderFrame: { url: 'https://example.com/', parent: null } }],
    ['a destroyed frame', { ...trusted(), senderFrame: null }],
  ])('refuses %s before running anything', async (_what, event) => {
    await expect(call(event, 'listDatasets', {})).rejects.toThrow(/refused/);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses everything once the window is gone', async () => {
    current = undefined;
    await expect(call(trusted(), 'listDatasets', {})).rejects.toThrow(/refused/);
  });

  it('returns errors as data the page can read', async () => {
    dispatch.mockRejectedValueOnce(new InputError('no dataset 7'));
    await expect(call(trusted(), 'datasetSummary', { datasetId: 7 })).resolves.toEqual({ ok: false, error: { kind: 'input', message: 'no dataset 7' } });
    await expect(call(trusted(), 42, {})).resolves.toMatchObject({ ok: false, error: { kind: 'input' } });
  });
});

describe('exportReport', () => {
  const report = { modelId: 1, user: 'u/7', format: 'html' };

  it('asks for the path with a save dialog, then runs the call with it', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/ann/r.html' });
    await expect(call(trusted(), 'exportReport', report)).resolves.toEqual({ ok: true, value: { ran: 'exportReport' } });
    expect(electron.showSaveDialog.mock.calls[0][1]).toMatchObject({ defaultPath: '/home/ann/Documents/rum-report-u_7.html' });
    expect(dispatch).toHaveBeenCalledWith('exportReport', { ...report, path: '/home/ann/r.html' });
  });

  it('reports a closed dialog as cancelled and writes nothing', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(call(trusted(), 'exportReport', report)).resolves.toEqual({ ok: true, value: { cancelled: true } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a path chosen by the page, and bad input, without opening a dialog', async () => {
    await expect(call(trusted(), 'exportReport', { ...report, path: '/home/ann/.bashrc' })).resolves.toMatchObject({ ok: false, error: { kind: 'input' } });
    await expect(call(trusted(), 'exportReport', { ...report, format: 'exe' })).resolves.toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(electron.showSaveDialog).not.toHaveBeenCalled();
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('job events', () => {
  it('are forwarded to the window on rum:event', async () => {
    const done = new Promise((resolve) => jobs.onEvent((e) => e.type === 'done' && resolve(e)));
    const { jobId } = jobs.start('import', async () => 'ok');
    await done;
    expect(send).toHaveBeenCalledWith('rum:event', { jobId, kind: 'import', type: 'done', result: 'ok' });
  });
});
