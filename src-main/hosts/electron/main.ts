// Entry of the desktop app, bundled to dist/electron/main.cjs (package.json "main"). It wires
// the shared services (api/services.ts) to one window through one IPC channel; every feature
// lives in core/ and api/, so this host only does what a desktop shell must: window, menu,
// dialogs, and the security settings of Electron's checklist.
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { createServices } from '../../api/services';
import { JobManager } from '../../jobs/job-manager';
import { openDb } from '../../store/db';
import { ensureDemo } from '../../jobs/demo';
import { registerAppScheme, serveApp } from './app-protocol';
import { guardAllWebContents, hardenSession } from './harden';
import { registerIpc } from './ipc';
import { PathGrants } from './path-grants';
import { buildMenu } from './menu';
import { RENDERER_DIR } from './paths';
import { printPdfInElectron } from './print-pdf';
import { demoDir, storePath } from './store';
import { createMainWindow } from './window';

let mainWindow: BrowserWindow | undefined;
const currentWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined);

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveApp(session.defaultSession, RENDERER_DIR);
  const dbPath = storePath();
  // A fresh store gets the demo dataset and a trained RUM model (about 2 s here, first start
  // only), before the window opens, so the first screen is a timeline, never an empty list.
  await ensureDemo(dbPath, demoDir(), (line) => process.stderr.write(line));
  const db = openDb(dbPath);
  app.on('will-quit', () => db.close());

  const jobs = new JobManager();
  const grants = new PathGrants();
  const dispatch = createServices({
    db,
    jobs,
    dbPath,
    host: 'electron',
    files: grants.gate(),
    // Electron's own Chromium, in a closed hidden window, instead of the system's.
    printPdf: printPdfInElectron,
  });
  registerIpc(dispatch, jobs, currentWindow, grants);
  Menu.setApplicationMenu(buildMenu(dispatch, currentWindow, grants));
  mainWindow = createMainWindow();

  // macOS keeps the app running with no window; clicking the dock icon makes a new one.
  app.on('activate', () => {
    if (!currentWindow()) mainWindow = createMainWindow();
  });
}

// A second copy would open the same store and fight over it; hand over to the first instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every renderer sandboxed, whatever a BrowserWindow's own settings say.
  app.enableSandbox();
  // Schemes get their privileges only before the app is ready.
  registerAppScheme();
  guardAllWebContents();
  app.on('second-instance', () => {
    const win = currentWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start).catch((e: unknown) => {
    // E.g. a store written by a newer version (store/db.ts): say so, rather than a blank window.
    dialog.showErrorBox('RUM Workbench cannot start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
}
