// Applies the rules of security.ts to Electron: the session (CSP, permissions) and every
// webContents the app ever creates (windows, navigation, webviews).
import { app, type Session, type WebContents } from 'electron';
import { APP_URL } from './paths';
import { CONTENT_SECURITY_POLICY, isAllowedNavigation } from './security';

/** Adds the CSP to every response and refuses every permission (camera, notifications, ...). */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // The workbench needs no device, location, notification or clipboard-read access.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function keepInApp(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`refused to open a window for ${url}`);
    return { action: 'deny' };
  });
  const stay = (event: { url: string; preventDefault(): void }) => {
    if (isAllowedNavigation(event.url, APP_URL)) return;
    event.preventDefault();
    console.warn(`refused to navigate to ${event.url}`);
  };
  // will-navigate covers the main frame, will-frame-navigate subframes, will-redirect server hops.
  contents.on('will-navigate', stay);
  contents.on('will-frame-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Guards every webContents when it is created, before it loads anything, so no code path that
 * makes one (a future second window, DevTools, an embedded frame) can skip the rules.
 * Must run before the first window is made.
 */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => keepInApp(contents));
}
