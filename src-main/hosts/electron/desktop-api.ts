// What crosses the bridge between the Electron main process and the preload: channel names,
// the reply envelope of `rum:call`, the menu events, and the object the preload exposes.
// Pure (types and strings only) so the sandboxed preload can bundle it without Node modules.
import type { ApiErrorBody, RumApi } from '../../api/contract';

/** The one invoke channel: every contract call goes through it and is validated in main. */
export const CALL_CHANNEL = 'rum:call';
/** Main -> renderer: job progress, results and errors (JobManager events). */
export const EVENT_CHANNEL = 'rum:event';
/** Main -> renderer: a native menu item the renderer must act on. */
export const MENU_CHANNEL = 'rum:menu';

/**
 * The reply of `rum:call`. Errors travel as data, not as a thrown Error: an Error crossing
 * ipcRenderer.invoke and then the context bridge keeps only a reworded message, and the UI
 * needs the kind (input or internal) and the file/line of an import error.
 */
export type CallReply = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

/**
 * Menu items that need the renderer. "Open dataset…" is done in main (dialogs, then the import
 * job) and only announces its job; "Export report…" needs the model and user on screen, which
 * only the renderer knows, so it asks the renderer to call exportReport (main then shows the
 * save dialog). Paths never travel from main to the renderer.
 */
export type MenuEvent = { action: 'import-started'; jobId: string } | { action: 'export-report' };

/**
 * window.rumApi in the desktop app: the contract (RumApi) plus the two things only a desktop
 * shell has. `call` rejects with an ApiErrorBody (plain data, see CallReply). The renderer may
 * not import from hosts/, so this shape belongs in api/contract.ts once that file is free.
 */
export interface DesktopApi extends RumApi {
  /** The path of a file dropped on the window (File.path is gone since Electron 32). */
  pathForFile(file: File): string;
  onMenu(listener: (e: MenuEvent) => void): () => void;
}
