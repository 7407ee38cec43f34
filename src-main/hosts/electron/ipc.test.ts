// The IPC handler with Electron replaced by stand-ins (no Electron binary here): who may call,
// how errors travel, how exportReport gets its path, which paths get granted, and that job
// events reach the window.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../api/services';
import { InputError } from '../../core/errors';
import { JobManager } from '../../jobs/job-manager';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  showSaveDialog: vi.fn(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => electron.handlers.set(channel, handler),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => electron.listeners.set(channel, listener),
  },
  dialog: { showSaveDialog: electron.showSaveDialog },
  app: { getPath: () => '/home/ann/Documents' },
}));

const { registerIpc } = await import('./ipc');
const { APP_URL } = await import('./paths');
const { PathGrants } = await import('./path-grants');

const send = vi.fn();
const win = { webContents: { send } };
const trusted = () => ({ sender: win.webContents, senderFrame: { url: `${APP_URL}#/datasets`, parent: null } });
let dispatch: ReturnType<typeof vi.fn>;
let jobs: JobManager;
let current: typeof win | undefined;
let grants: InstanceType<typeof PathGrants>;
const call = (event: unknown, method: unknown, input?: unknown) => electron.handlers.get('rum:call')!(event, method, input);
const drop = (event: unknown, path: unknown) => electron.listeners.get('rum:dropped-file')!(event, path);

beforeEach(() => {
  electron.handlers.clear();
  electron.listeners.clear();
  electron.showSaveDialog.mockReset();
  send.mockReset();
  grants = new PathGrants();
  const gate = grants.gate();
  // Runs each call through the real file gate, as services do, so a path that was not granted
  // fails here exactly as it would in the app.
  dispatch = vi.fn(async (method: string, input: { path?: string; source?: { kind: 'path'; path: string } }) => {
    if (method === 'exportReport') return { ran: method, target: gate.reportTarget('html', 'u', input.path) };
    if (method === 'importDataset') return { ran: method, file: gate.readSource(input.source!) };
    return { ran: method };
  });
  jobs = new JobManager();
  current = win;
  registerIpc(dispatch as unknown as Dispatch, jobs, () => current as never, grants);
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

  it('asks for the path with a save dialog, grants it for writing, then runs the call with it', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/ann/r.html' });
    await expect(call(trusted(), 'exportReport', report)).resolves.toEqual({ ok: true, value: { ran: 'exportReport', target: '/home/ann/r.html' } });
    expect(grants.allows('/home/ann/r.html', 'write')).toBe(true);
    expect(grants.allows('/home/ann/r.html', 'read')).toBe(false);
    expect(electron.showSaveDialog.mock.calls[0][1]).toMatchObject({ defaultPath: '/home/ann/Documents/rum-report-u_7.html' });
    expect(dispatch).toHaveBeenCalledWith('exportReport', { ...report, path: '/home/ann/r.html' });
  });

  it('reports a closed dialog as cancelled and writes nothing', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(call(trusted(), 'exportReport', report)).resolves.toEqual({ ok: true, value: { cancelled: true } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(grants.allows('', 'write')).toBe(false);
  });

  it('refuses a path chosen by the page, and bad input, without opening a dialog', async () => {
    await expect(call(trusted(), 'exportReport', { ...report, path: '/home/ann/.bashrc' })).resolves.toMatchObject({ ok: false, error: { kind: 'input' } });
    await expect(call(trusted(), 'exportReport', { ...report, format: 'exe' })).resolves.toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(electron.showSaveDialog).not.toHaveBeenCalled();
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('dropped files', () => {
  const log = { kind: 'path', path: '/home/ann/drops/log.csv' };

  it('a path the preload reports is granted for reading, so its import runs', async () => {
    await expect(call(trusted(), 'importDataset', { source: log })).resolves.toMatchObject({ ok: false, error: { kind: 'input' } });
    drop(trusted(), log.path);
    expect(grants.allows(log.path, 'read')).toBe(true);
    expect(grants.allows(log.path, 'write')).toBe(false);
    await expect(call(trusted(), 'importDataset', { source: log })).resolves.toMatchObject({ ok: true, value: { file: '/home/ann/drops/log.csv' } });
  });

  it('a path the page names without dropping it is refused by the gate', async () => {
    await expect(call(trusted(), 'importDataset', { source: { kind: 'path', path: '/home/ann/.ssh/id_ed25519' } })).resolves.toMatchObject({
      ok: false,
      error: { kind: 'input', message: expect.stringMatching(/not chosen in the Open dialog or dropped/) },
    });
  });

  it.each([
    ['another webContents', { ...trusted(), sender: { send } }],
    ['a subframe', { ...trusted(), senderFrame: { url: APP_URL, parent: {} } }],
    ['a foreign page', { ...trusted(), senderFrame: { url: 'https://example.com/', parent: null } }],
  ])('a report from %s grants nothing', (_what, event) => {
    drop(event, log.path);
    expect(grants.allows(log.path, 'read')).toBe(false);
  });

  it.each([
    ['a relative path', 'log.csv'],
    ['a non-string', { path: '/etc/passwd' }],
    ['a NUL byte', '/home/ann/log.csv\0.png'],
    ['an over-long path', `/${'a'.repeat(5000)}`],
  ])('%s grants nothing', (_what, path) => {
    drop(trusted(), path);
    expect(grants.allows(typeof path === 'string' ? path : '/etc/passwd', 'read')).toBe(false);
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
