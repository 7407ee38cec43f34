// What crosses the bridge between the Electron main process and the preload: channel names,
// the reply envelope of `rum:call`, the menu events, and the object the preload exposes.
// Pure (types and strings only) so the sandboxed preload can bundle it without Node modules.
import type { ApiErrorBody } from '../../api/contract';

/** The one invoke channel: every contract call goes through it and is validated in main. */
export const CALL_CHANNEL = 'rum:call';
/** Main -> renderer: job progress, results and errors (JobManager events). */
export const EVENT_CHANNEL = 'rum:event';
/** Main -> renderer: a native menu item the renderer must act on. */
export const MENU_CHANNEL = 'rum:menu';
/**
 * Renderer -> main, one-way: the path of a file the user dropped or picked, as the preload's
 * webUtils.getPathForFile resolved it. Main grants that path for reading (path-grants.ts).
 * Sent by the preload only, never by the page, which has no ipcRenderer.
 */
export const DROPPED_FILE_CHANNEL = 'rum:dropped-file';

/**
 * The reply of `rum:call`. Errors travel as data, not as a thrown Error: an Error crossing
 * ipcRenderer.invoke and then the context bridge keeps only a reworded message, and the UI
 * needs the kind (input or internal) and the file/line of an import error.
 */
export type CallReply<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export type { DesktopApi, MenuEvent } from '../../api/contract';
