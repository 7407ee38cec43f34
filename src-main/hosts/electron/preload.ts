// The preload: runs sandboxed (so only `electron` can be required, and the build bundles it as
// CommonJS) and hands the page exactly the contract, never ipcRenderer itself: a page that
// got ipcRenderer could send anything on any channel (docs/architecture.md, "One contract").
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { Input, JobEvent, Method, Result } from '../../api/contract';
import { CALL_CHANNEL, DROPPED_FILE_CHANNEL, EVENT_CHANNEL, MENU_CHANNEL, type CallReply, type DesktopApi, type MenuEvent } from './desktop-api';

/** Subscribes to a main -> renderer channel; the IPC event (which holds the sender) stays here. */
function listen<T>(channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const rumApi = {
  async call<M extends Method>(method: M, input: Input<M>): Promise<Result<M>> {
    // Main answers what the services' handlers return, which are typed Result<M> (api/services.ts).
    const reply = (await ipcRenderer.invoke(CALL_CHANNEL, method, input)) as CallReply<Result<M>>;
    if (reply.ok) return reply.value;
    // Plain data survives the context bridge with all its fields; see CallReply.
    throw reply.error;
  },
  onEvent: (listener) => listen<JobEvent>(EVENT_CHANNEL, listener),
  onMenu: (listener) => listen<MenuEvent>(MENU_CHANNEL, listener),
  pathForFile(file) {
    // getPathForFile answers '' for a File the page built itself (new File([...], '/etc/x')),
    // so only a file the user really dropped or picked is reported, and main grants only it.
    // ipcRenderer.send and .invoke share one ordered pipe: the grant lands before the import
    // call that follows it.
    const path = webUtils.getPathForFile(file);
    if (path) ipcRenderer.send(DROPPED_FILE_CHANNEL, path);
    return path;
  },
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('rumApi', rumApi);
