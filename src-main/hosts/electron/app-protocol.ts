// The app's page comes from its own scheme, rum://app/, not from file://. Electron's checklist
// (item 18) asks for this: a file:// page shares its origin with every local file and, unless
// the grantFileProtocolExtraPrivileges fuse is on (electron-builder.yml turns it off), cannot
// load the renderer's module scripts at all. Here the page has a real origin of its own for
// 'self' in the CSP, the response carries the CSP as a header (file:// responses have no
// headers to put one in), and only files inside the built renderer are ever served.
import { protocol, type Session } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../app-page';
import { APP_HOST, APP_SCHEME } from './paths';
import { CONTENT_SECURITY_POLICY } from './security';

/**
 * Must run before the app is ready. standard: relative URLs and a real origin; secure: counts
 * as a secure context like https; corsEnabled and supportFetchAPI let the page's own module
 * scripts (fetched in CORS mode, crossorigin) load; no other origin gets anything, as no
 * response carries an Access-Control-Allow-Origin header.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

/**
 * The file a rum://app/ URL names inside `root`, or undefined: another scheme or host, a
 * malformed %-escape, or a path that leaves root. Symlinks are checked when serving.
 */
export function appFileFor(root: string, url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const rel = normalize(path === '/' || path === '' ? '/index.html' : path).replace(/^[/\\]+/, '');
  const file = join(root, rel);
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}

const notFound = () => new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** The protocol handler: GET of a file inside root (its real path too), with the CSP header. */
export function appFileHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') return new Response('method not allowed', { status: 405 });
    const file = appFileFor(root, request.url);
    if (!file) return notFound();
    try {
      const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
      // A symlink in the built folder that points out of it serves nothing.
      if (!realFile.startsWith(realRoot + sep)) return notFound();
      const body = await readFile(realFile);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: {
          'content-type': contentTypeOf(realFile),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      // Missing, a folder, unreadable: all the same to the page.
      return notFound();
    }
  };
}

/** Serves the built renderer at rum://app/ in `session` (the window's, the default one). */
export function serveApp(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, appFileHandler(root));
}
