import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

// The app page allows its own scripts only: an item title can never become code.
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export type StaticResult = 'served' | 'missing' | 'bad-request';

/** The real path of a file inside the app's real folder, or undefined (absent, or it leads out). */
function insideApp(root: string, rel: string): string | undefined {
  try {
    const realRoot = realpathSync(root);
    // The real path, so that a symlink in the folder cannot hand out a file from elsewhere.
    const real = realpathSync(join(realRoot, rel));
    return real.startsWith(realRoot + sep) && statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Serves the built renderer; only files whose real path is inside its folder. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): StaticResult {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return 'bad-request'; // a malformed %-escape is the caller's mistake, not ours
  }
  if (decoded.includes('\0')) return 'bad-request';
  const file = insideApp(root, normalize(decoded).replace(/^([/\\])+/, ''));
  if (!file) return 'missing';
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': APP_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
  return 'served';
}
