// The bridge's main side: ONE invoke channel for every contract call, and job events pushed
// back. Who sends a call is checked before anything; what it asks is validated by dispatch
// (zod, api/contract.ts).
//
// The calls themselves run here, on the main process's thread, and that is deliberate for
// SQLite: better-sqlite3 is synchronous, and the UI's reads (lists, one explanation step) are
// indexed queries of a few milliseconds. A worker or utilityProcess would add a serialise-and-
// copy hop to every one of them and buy nothing. What is long already runs elsewhere: training
// in a worker_thread (jobs/train), imports and reports as async JobManager jobs that yield
// between chunks, and WAL lets a read proceed while an import writes. The next step, if an
// explanation or evaluation on a large model ever stalls menus, is the whole services object
// in a utilityProcess (as Actual Budget does), behind this same channel.
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { isAbsolute } from 'node:path';
import type { Method, Result } from '../../api/contract';
import { toApiError } from '../../api/errors';
import type { Dispatch } from '../../api/services';
import type { JobManager } from '../../jobs/job-manager';
import { CALL_CHANNEL, DROPPED_FILE_CHANNEL, EVENT_CHANNEL, type CallReply } from './desktop-api';
import { exportReportWithDialog } from './export-report';
import type { PathGrants } from './path-grants';
import { APP_URL } from './paths';
import { isTrustedSender } from './security';

/** Only the top frame of our own window, showing our own page, may call. */
function fromAppWindow(event: IpcMainInvokeEvent | IpcMainEvent, win: BrowserWindow | undefined): win is BrowserWindow {
  const frame = event.senderFrame;
  return !!win && event.sender === win.webContents && !!frame && frame.parent === null && isTrustedSender(frame.url, APP_URL);
}

/** Longer than any real path (PATH_MAX is 4096 on Linux); anything longer is not a dropped file. */
const MAX_PATH_CHARS = 4096;

export function registerIpc(dispatch: Dispatch, jobs: JobManager, currentWindow: () => BrowserWindow | undefined, grants: PathGrants): void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<CallReply<Result<Method>>> => {
    const win = currentWindow();
    if (!fromAppWindow(event, win)) {
      console.warn(`refused ${CALL_CHANNEL} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      // Rejects the invoke without running or even parsing the call.
      throw new Error('refused: not the app window');
    }
    try {
      if (typeof method !== 'string') return { ok: false, error: { kind: 'input', message: 'the method must be a string' } };
      const value = method === 'exportReport' ? await exportReportWithDialog(win, dispatch, input, grants) : await dispatch(method, input);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    }
  });

  // One-way, so a page cannot learn from a reply whether a path exists. Same sender check as
  // rum:call: only the app page's own preload reports dropped files.
  ipcMain.on(DROPPED_FILE_CHANNEL, (event, path: unknown) => {
    if (!fromAppWindow(event, currentWindow())) {
      console.warn(`refused ${DROPPED_FILE_CHANNEL} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return;
    }
    if (typeof path !== 'string' || !isAbsolute(path) || path.length > MAX_PATH_CHARS || path.includes('\0')) {
      console.warn(`refused ${DROPPED_FILE_CHANNEL}: not an absolute path`);
      return;
    }
    grants.grant(path, 'read');
  });

  jobs.onEvent((e) => {
    const win = currentWindow();
    if (win) win.webContents.send(EVENT_CHANNEL, e);
  });
}
