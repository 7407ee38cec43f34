// How the app's page is served, one home for both hosts that serve it (the browser host's
// static files and the desktop app's rum://app scheme): its Content Security Policy and the
// Content-Type of each kind of file the built renderer holds.
import { extname } from 'node:path';

/**
 * Scripts, styles and images come only from the app's files; no remote code, no plugins, no
 * framing, no <base> or form target elsewhere, so an item title can never become code.
 * 'unsafe-inline' styles because React and recharts set style attributes.
 * src-renderer/index.html carries the same policy as a <meta> (less frame-ancestors, which a
 * <meta> policy ignores); csp-meta.test.ts holds the two equal.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

// A module script served with another type is refused by Chromium ("Expected a JavaScript module").
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

export function contentTypeOf(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}
