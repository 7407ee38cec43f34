import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { APP_CSP, contentTypeOf } from '../app-page';


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
    'content-type': contentTypeOf(file),
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
