// The desktop app's security rules as pure functions, so they are unit-tested under plain Node
// (no Electron binary here) and the e2e spec can hold a running window to the same rules.
// Electron's own checklist: https://www.electronjs.org/docs/latest/tutorial/security
import type { WebPreferences } from 'electron';

/** The app page's policy, the same for the desktop app and the browser host (hosts/app-page.ts). */
export { APP_CSP as CONTENT_SECURITY_POLICY } from '../app-page';

/** The settings every window of the app must have; main.ts adds the preload path. */
export const REQUIRED_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
} as const satisfies WebPreferences;

type Prefs = Partial<Record<keyof WebPreferences, unknown>>;

/**
 * What is wrong with a window's preferences, one line each; empty when it is safe. A missing
 * key counts as wrong even where Electron's default would be right, so that a change of
 * default, or a window made without our settings, is caught rather than trusted.
 */
export function checkWebPreferences(prefs: Prefs | null | undefined): string[] {
  if (!prefs) return ['no webPreferences'];
  const violations: string[] = [];
  for (const [key, want] of Object.entries(REQUIRED_PREFERENCES)) {
    const got = prefs[key as keyof WebPreferences];
    // The Node-facing switches may be left out: Electron's defaults for them are safe and
    // getLastWebPreferences() omits some of them.
    if (got === undefined && want === false && key !== 'nodeIntegration') continue;
    if (got !== want) violations.push(`${key} is ${String(got)}, must be ${String(want)}`);
  }
  if (prefs.enableBlinkFeatures) violations.push(`enableBlinkFeatures is set (${String(prefs.enableBlinkFeatures)})`);
  return violations;
}

/** The page a URL names, as scheme://host/path without #route or ?query; undefined if none. */
function pageOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  // Opaque URLs (about:, data:, javascript:) and file:// (no host) name no app page.
  if (!u.host) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  return `${u.protocol}//${u.host}${path}`;
}

/**
 * Whether a page may be shown in the window: only the app's own index.html at rum://app (any
 * #route or ?query). Everything else, remote pages and local files alike, is refused; the app
 * has no link that should leave it.
 */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  const target = pageOf(url);
  return target !== undefined && target === pageOf(appUrl);
}

/**
 * Whether an IPC message comes from the app's page. Checked before anything else in the
 * `rum:call` handler, so a frame that somehow loaded other content cannot call the API.
 */
export function isTrustedSender(frameUrl: string | null | undefined, appUrl: string): boolean {
  return !!frameUrl && isAllowedNavigation(frameUrl, appUrl);
}
