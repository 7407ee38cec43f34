// The app's one window: sandboxed, context-isolated, Node-free; its only bridge is the preload.
import { app, BrowserWindow } from 'electron';
import { APP_URL, PRELOAD } from './paths';
import { REQUIRED_PREFERENCES } from './security';

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    title: 'RUM Workbench',
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    webPreferences: {
      ...REQUIRED_PREFERENCES,
      preload: PRELOAD,
      // DevTools only in development; a packaged app has no use for them.
      devTools: !app.isPackaged,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Served by app-protocol.ts, never from file:// (checklist item 18).
  void win.loadURL(APP_URL);
  return win;
}
