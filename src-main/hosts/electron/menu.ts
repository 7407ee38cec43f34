// The native menu. "Open dataset…" runs wholly in main: the paths come from native dialogs and
// go straight to the import job, so they never pass through the page. "Export report…" needs
// the model and user on screen, which only the renderer knows: main sends it a `rum:menu`
// event and the renderer calls exportReport, whose save dialog then opens (export-report.ts).
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { Dispatch } from '../../api/services';
import { toApiError } from '../../api/errors';
import { MENU_CHANNEL, type MenuEvent } from './desktop-api';
import type { PathGrants } from './path-grants';

const LOG_FILTERS = [
  { name: 'Purchase logs', extensions: ['csv', 'tsv', 'txt', 'dat', 'jsonl', 'json', 'inter'] },
  { name: 'All files', extensions: ['*'] },
];
const TITLE_FILTERS = [
  { name: 'Item titles', extensions: ['csv', 'tsv', 'txt', 'dat', 'item'] },
  { name: 'All files', extensions: ['*'] },
];

function send(win: BrowserWindow, e: MenuEvent): void {
  win.webContents.send(MENU_CHANNEL, e);
}

export async function openDataset(win: BrowserWindow, dispatch: Dispatch, grants: PathGrants): Promise<void> {
  const log = await dialog.showOpenDialog(win, { title: 'Open a purchase log', message: 'Open a purchase log', properties: ['openFile'], filters: LOG_FILTERS });
  if (log.canceled || !log.filePaths[0]) return;
  // Titles are optional: cancelling this second dialog imports the log without them.
  const titles = await dialog.showOpenDialog(win, {
    title: 'Item titles (optional: Cancel to import without)',
    message: 'Choose a titles file, or Cancel to import without titles',
    properties: ['openFile'],
    filters: TITLE_FILTERS,
  });
  const titlesPath = titles.canceled ? undefined : titles.filePaths[0];
  // The user chose these two in main's own dialogs: the only way besides a drop that the
  // services' file gate will read a path.
  grants.grant(log.filePaths[0], 'read');
  if (titlesPath) grants.grant(titlesPath, 'read');
  try {
    const { jobId } = (await dispatch('importDataset', {
      source: { kind: 'path', path: log.filePaths[0] },
      itemsSource: titlesPath ? { kind: 'path', path: titlesPath } : undefined,
    })) as { jobId: string };
    // Progress and the result arrive as ordinary job events; this tells the page to show them.
    send(win, { action: 'import-started', jobId });
  } catch (e) {
    dialog.showErrorBox('Cannot import', toApiError(e).message);
  }
}

function showAbout(win: BrowserWindow): void {
  void dialog.showMessageBox(win, {
    type: 'info',
    title: 'About RUM Workbench',
    message: `RUM Workbench ${app.getVersion()}`,
    detail: [
      'Train item-level RUM (Chen et al., WSDM 2018) on a purchase log and see why it recommends what it does.',
      '',
      `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
    ].join('\n'),
  });
}

export function buildMenu(dispatch: Dispatch, currentWindow: () => BrowserWindow | undefined, grants: PathGrants): Menu {
  const withWindow = (f: (win: BrowserWindow) => unknown) => () => {
    const win = currentWindow();
    if (win) void f(win);
  };
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Dataset…', accelerator: 'CmdOrCtrl+O', click: withWindow((win) => openDataset(win, dispatch, grants)) },
        { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: withWindow((win) => send(win, { action: 'export-report' })) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // Copy and paste in text fields go through these roles on macOS.
    { role: 'editMenu' },
    // Reloading or inspecting the page is for developing the app, not for using it.
    ...(app.isPackaged ? [] : [{ label: 'View', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] } satisfies MenuItemConstructorOptions]),
    { role: 'help', submenu: [{ label: 'About RUM Workbench', click: withWindow(showAbout) }] },
  ];
  return Menu.buildFromTemplate(template);
}
