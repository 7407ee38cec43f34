// The preload with Electron replaced by stand-ins: it exposes exactly the contract and never
// ipcRenderer, and its call/onEvent behave as the renderer expects.
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(),
  send: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn(),
  getPathForFile: vi.fn((_file: unknown) => '/home/ann/log.csv'),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, send: electron.send, on: electron.on, removeListener: electron.removeListener },
  webUtils: { getPathForFile: electron.getPathForFile },
}));

await import('./preload');
const api = electron.exposed.get('rumApi') as import('./desktop-api').DesktopApi;

describe('preload', () => {
  it('exposes one object with exactly the contract and the desktop extras', () => {
    expect([...electron.exposed.keys()]).toEqual(['rumApi']);
    expect(Object.keys(api).sort()).toEqual(['call', 'onEvent', 'onMenu', 'pathForFile']);
  });

  it('sends every call on rum:call and unwraps the reply', async () => {
    electron.invoke.mockResolvedValueOnce({ ok: true, value: [1, 2] });
    await expect(api.call('listDatasets', {})).resolves.toEqual([1, 2]);
    expect(electron.invoke).toHaveBeenCalledWith('rum:call', 'listDatasets', {});
    const error = { kind: 'input', message: 'no dataset 9' };
    electron.invoke.mockResolvedValueOnce({ ok: false, error });
    await expect(api.call('datasetSummary', { datasetId: 9 })).rejects.toEqual(error);
  });

  it('passes job events on without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const stop = api.onEvent(listener);
    const [channel, wrapped] = electron.on.mock.calls.at(-1)!;
    expect(channel).toBe('rum:event');
    const e = { jobId: 'j', kind: 'import', type: 'cancelled' };
    wrapped({ sender: 'ipcRenderer' }, e);
    expect(listener).toHaveBeenCalledWith(e);
    stop();
    expect(electron.removeListener).toHaveBeenCalledWith('rum:event', wrapped);
  });

  it('listens for menu actions on rum:menu', () => {
    api.onMenu(() => {});
    expect(electron.on.mock.calls.at(-1)![0]).toBe('rum:menu');
  });

  it('resolves a dropped file to its path and reports that path to main for a read grant', () => {
    expect(api.pathForFile({} as File)).toBe('/home/ann/log.csv');
    expect(electron.send).toHaveBeenCalledExactlyOnceWith('rum:dropped-file', '/home/ann/log.csv');
  });

  it('reports nothing for a File the page made itself (webUtils gives it no path)', () => {
    electron.send.mockClear();
    electron.getPathForFile.mockReturnValueOnce('');
    expect(api.pathForFile(new File(['x'], '/etc/passwd'))).toBe('');
    expect(electron.send).not.toHaveBeenCalled();
  });
});
