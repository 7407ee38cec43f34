import type { IncomingMessage } from 'node:http';
import { tokenMatches } from './token';

/** What a request is checked against: all of it lives in the server's memory only. */
export interface Secrets {
  /** The long-lived per-run token (header x-rum-token; printed by `serve`). */
  token: string;
  /** The value of the session cookie a sign-in sets; never shown to anyone. */
  session: string;
  /** Per port, so two workbenches on this machine do not overwrite each other's cookie. */
  cookieName: string;
  /** The app's own origins, http://127.0.0.1:PORT and http://localhost:PORT. */
  origins: Set<string>;
}

export type Verdict = { ok: true } | { ok: false; status: number; message: string };

const NOT_SIGNED_IN = 'not signed in: open the link that `rum-workbench serve` or `npm start` printed';

export function sessionCookie(s: Secrets): string {
  // HttpOnly: no script (not even ours) can read it; SameSite=Strict: no other site's page can
  // make the browser send it; no Max-Age: it ends with the browser session.
  return `${s.cookieName}=${s.session}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookie(req: IncomingMessage, name: string): string[] {
  const found: string[] = [];
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) found.push(part.slice(eq + 1).trim());
  }
  return found;
}

export function hasSession(req: IncomingMessage, s: Secrets): boolean {
  return cookie(req, s.cookieName).some((v) => tokenMatches(s.session, v));
}

/** A page on another site may make a browser send requests here; its Origin gives it away. */
export function foreignOrigin(req: IncomingMessage, s: Secrets): string | undefined {
  const origin = req.headers.origin;
  return origin !== undefined && !s.origins.has(origin) ? origin : undefined;
}

// Where a browser cannot set a header (EventSource, a download link) and nothing changes state.
const QUERY_TOKEN_ROUTES = /^\/api\/(events|download\/[^/]+)$/;

/**
 * Who may use /api: the header token, or the session cookie (a state-changing call with the
 * cookie must also carry our own Origin, which browsers always send with a POST), or for GET of
 * events and downloads only, the token in the query string.
 */
export function authorizeApi(req: IncomingMessage, url: URL, s: Secrets): Verdict {
  const foreign = foreignOrigin(req, s);
  if (foreign !== undefined) return { ok: false, status: 403, message: `requests from another origin (${foreign.slice(0, 100)}) are refused` };
  const header = req.headers['x-rum-token'];
  if (header !== undefined) return tokenMatches(s.token, String(header)) ? { ok: true } : { ok: false, status: 401, message: 'wrong x-rum-token' };
  const readOnly = req.method === 'GET' || req.method === 'HEAD';
  if (hasSession(req, s)) {
    if (readOnly || req.headers.origin !== undefined) return { ok: true };
    return { ok: false, status: 403, message: 'a call signed in by cookie must come from the app itself (no Origin header)' };
  }
  const query = url.searchParams.get('token');
  if (query !== null) {
    if (!readOnly || !QUERY_TOKEN_ROUTES.test(url.pathname)) {
      return { ok: false, status: 401, message: 'a token in the URL is accepted only to GET /api/events and /api/download/...: send it in the x-rum-token header' };
    }
    return tokenMatches(s.token, query) ? { ok: true } : { ok: false, status: 401, message: 'wrong token' };
  }
  return { ok: false, status: 401, message: NOT_SIGNED_IN };
}
