import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { toApiError } from '../../api/errors';
import { InputError } from '../../core/errors';
import { createServices } from '../../api/services';
import { JobManager } from '../../jobs/job-manager';
import type { Db } from '../../store/db';
import { authorizeApi, foreignOrigin, hasSession, sessionCookie, type Secrets } from './auth';
import { OneTimeCodes } from './codes';
import { EventStreams } from './events';
import { serveStatic } from './static';
import { newToken, tokenMatches } from './token';
import { UploadFolder } from './upload-folder';

export interface WebHostOptions {
  db: Db;
  dbPath: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
  /** Largest upload in bytes, counted as it streams in (default 4 GiB). */
  maxUploadBytes?: number;
  /** Most event-stream listeners at once (default 16); more get 503. */
  maxEventClients?: number;
  /** Most open connections (default 64); more are closed at once. */
  maxConnections?: number;
  /** How long a one-time sign-in code stays good (default 2 minutes). */
  codeTtlMs?: number;
}

export interface WebHost {
  /** http://127.0.0.1:PORT/?token=T, what `serve` prints (docs/contract.md). */
  url: string;
  port: number;
  token: string;
  server: Server;
  /** A fresh sign-in link with a one-time code: harmless once used or after two minutes. */
  signInUrl(): string;
  /** The host's private folder (uploads, reports), deleted by close(). */
  workDir: string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20; // JSON calls; uploads stream to disk instead
const MAX_UPLOAD = 4 * 2 ** 30;
// Reports are named by reportTarget below; nothing else in the folder can be downloaded.
const REPORT_NAME = /^\/api\/download\/([a-f0-9]{16}-[A-Za-z0-9_-]{0,40}\.(?:html|pdf|csv|json))$/;

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra });
  res.end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, status: number, message: string, extra?: Record<string, string>) => send(res, status, { ok: false, error: { kind: 'input', message } }, extra);

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/**
 * The workbench over HTTP for a browser: the same contract as the Electron IPC, JSON calls at
 * /api/call/<method>, job events as server-sent events at /api/events. Bound to 127.0.0.1 only;
 * Host headers other than this machine's are refused (DNS rebinding), and so is any request
 * whose Origin is another site's. A browser signs in once, with a one-time code or the printed
 * token in the URL, and gets an HttpOnly, SameSite=Strict session cookie; see auth.ts for who
 * may call /api.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? newToken();
  const codes = new OneTimeCodes(opts.codeTtlMs);
  const jobs = new JobManager();
  // mkdtemp makes it 0700: nobody else on the machine can read an upload or a report.
  const work = mkdtempSync(join(tmpdir(), 'rum-web-'));
  const reports = join(work, 'reports');
  mkdirSync(join(work, 'uploads'), { mode: 0o700 });
  mkdirSync(reports, { mode: 0o700 });
  const uploads = new UploadFolder(join(work, 'uploads'), opts.maxUploadBytes ?? MAX_UPLOAD);
  const dispatch = createServices({
    db: opts.db,
    jobs,
    dbPath: opts.dbPath,
    host: 'web',
    files: {
      // Whoever holds the token must not gain the user's file system: imports come in only as
      // uploads, and reports go only where downloads are served from.
      readSource: (source) => {
        if (source.kind === 'path') throw new InputError('the browser host never reads a path a caller names: upload the file instead (POST /api/upload)');
        const p = uploads.claim(source.uploadId);
        if (!p) throw new InputError(`no upload ${source.uploadId} (upload the file again)`);
        return p;
      },
      releaseSource: (source) => {
        if (source.kind === 'upload') uploads.release(source.uploadId);
      },
      reportTarget: (format, user, path) => {
        if (path !== undefined) throw new InputError('the browser host never writes a path a caller names: leave out "path"; the report comes back as a download');
        return join(reports, `${randomBytes(8).toString('hex')}-${user.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}.${format}`);
      },
    },
  });
  const streams = new EventStreams(opts.maxEventClients ?? 16);
  jobs.onEvent((e) => streams.send(e));
  const secrets: Secrets = { token, session: newToken(), cookieName: 'rum_session', origins: new Set() };

  /** GET /?code=C or /?token=T: swaps the secret in the address bar for the session cookie. */
  const signIn = (req: IncomingMessage, url: URL, res: ServerResponse) => {
    const foreign = foreignOrigin(req, secrets);
    if (foreign !== undefined) return refuse(res, 403, 'requests from another origin are refused');
    const code = url.searchParams.get('code');
    const given = url.searchParams.get('token');
    const ok = (code !== null && codes.redeem(code)) || (given !== null && tokenMatches(token, given));
    const headers = { location: '/', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
    if (ok) {
      res.writeHead(303, { ...headers, 'set-cookie': sessionCookie(secrets) });
      return res.end();
    }
    // A used link, in a browser already signed in (a reload, a second click): nothing to do.
    if (hasSession(req, secrets)) {
      res.writeHead(303, headers);
      return res.end();
    }
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end('This sign-in link was already used, has expired, or is wrong. Start `npm start` or `rum-workbench serve` again for a new one.\n');
  };

  const handleApi = async (req: IncomingMessage, url: URL, res: ServerResponse) => {
    const verdict = authorizeApi(req, url, secrets);
    if (!verdict.ok) return refuse(res, verdict.status, verdict.message);
    if (req.method === 'GET' && url.pathname === '/api/events') {
      if (!streams.add(req, res)) refuse(res, 503, 'too many event streams open; close another tab of the workbench');
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/upload') {
      const id = await uploads.receive(req);
      return send(res, 200, { ok: true, result: { uploadId: id } });
    }
    const download = REPORT_NAME.exec(url.pathname);
    if (req.method === 'GET' && download) {
      const file = join(reports, download[1]);
      if (!existsSync(file) || !statSync(file).isFile()) return refuse(res, 404, 'no such report');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${download[1].replace(/^[a-f0-9]{16}-/, 'rum-report-')}"`, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
      return;
    }
    const call = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
    if (req.method === 'POST' && call) {
      const input = await readJson(req);
      const result = await dispatch(call[1], input);
      return send(res, 200, { ok: true, result });
    }
    return refuse(res, 404, 'no such API route');
  };

  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const server = createServer(async (req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'unexpected Host header');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api/')) return await handleApi(req, url, res);
      if (req.method !== 'GET') return refuse(res, 405, 'only GET outside /api');
      if (url.searchParams.has('code') || url.searchParams.has('token')) return signIn(req, url, res);
      const served = serveStatic(opts.staticDir, url.pathname, res);
      if (served === 'bad-request') return refuse(res, 400, 'malformed %-escape in the path');
      if (served === 'missing') return refuse(res, 404, 'not found');
    } catch (e) {
      const status = (e as { status?: number }).status;
      const body = e instanceof SyntaxError ? { kind: 'input' as const, message: `bad JSON: ${e.message}` } : toApiError(e);
      // A refused upload may still be arriving: close rather than read the rest.
      if (!res.headersSent) send(res, status ?? (body.kind === 'input' ? 400 : 500), { ok: false, error: body }, status ? { connection: 'close' } : {});
      else res.destroy();
    }
  });
  server.maxConnections = opts.maxConnections ?? 64;
  // Headers must arrive promptly, so a client that dribbles them cannot hold a connection; a body
  // gets half an hour (4 GiB from a slow disk). An event stream's request is complete at once,
  // so these never cut one: it lives as long as its tab.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30 * 60_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    // 127.0.0.1 only: the workbench is never reachable from another machine.
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as { port: number }).port;
  let closing: Promise<void> | undefined;
  secrets.cookieName = `rum_session_${port}`;
  secrets.origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    signInUrl: () => `http://127.0.0.1:${port}/?code=${codes.mint()}`,
    workDir: work,
    close: () => {
      closing ??= (async () => {
        streams.closeAll();
        const closed = new Promise<void>((ok) => server.close(() => ok()));
        server.closeAllConnections();
        await closed;
        // Uploads and reports live only as long as the host that received or wrote them.
        rmSync(work, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
