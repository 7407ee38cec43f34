import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import type { JobEvent } from '../../api/contract';
import { toApiError } from '../../api/errors';
import { InputError } from '../../core/errors';
import { createServices } from '../../api/services';
import { JobManager } from '../../jobs/job-manager';
import type { Db } from '../../store/db';
import { serveStatic } from './static';
import { newToken, tokenMatches } from './token';

export interface WebHostOptions {
  db: Db;
  dbPath: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20; // JSON calls; uploads stream to disk instead
const MAX_UPLOAD = 4 * 2 ** 30;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

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
 * /api/call/<method>, job events as server-sent events at /api/events. Bound to 127.0.0.1 only,
 * and every /api request must carry the per-run token (header x-rum-token, or ?token= where a
 * browser cannot set headers: EventSource, downloads). Host headers other than this machine's
 * are refused, so a web page elsewhere cannot reach it by DNS rebinding.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? newToken();
  const jobs = new JobManager();
  const work = mkdtempSync(join(tmpdir(), 'rum-web-'));
  const uploads = join(work, 'uploads');
  const reports = join(work, 'reports');
  mkdirSync(uploads);
  mkdirSync(reports);
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
        const p = join(uploads, source.uploadId);
        if (!existsSync(p)) throw new InputError(`no upload ${source.uploadId} (upload the file again)`);
        return p;
      },
      releaseSource: (source) => {
        if (source.kind === 'upload') rmSync(join(uploads, source.uploadId), { force: true });
      },
      reportTarget: (format, user, path) => {
        if (path !== undefined) throw new InputError('the browser host never writes a path a caller names: leave out "path"; the report comes back as a download');
        return join(reports, `${randomBytes(8).toString('hex')}-${user.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}.${format}`);
      },
    },
  });
  const clients = new Set<ServerResponse>();
  jobs.onEvent((e: JobEvent) => {
    const line = `data: ${JSON.stringify(e)}\n\n`;
    for (const c of clients) c.write(line);
  });
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 421, { ok: false, error: { kind: 'input', message: 'unexpected Host header' } });
      if (!url.pathname.startsWith('/api/')) {
        if (req.method === 'GET' && serveStatic(opts.staticDir, url.pathname, res)) return;
        return send(res, 404, { ok: false, error: { kind: 'input', message: 'not found' } });
      }
      const given = (req.headers['x-rum-token'] as string | undefined) ?? url.searchParams.get('token');
      if (!tokenMatches(token, given)) return send(res, 401, { ok: false, error: { kind: 'input', message: 'missing or wrong token' } });

      if (req.method === 'GET' && url.pathname === '/api/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/upload') {
        const id = randomBytes(16).toString('hex');
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > MAX_UPLOAD) return send(res, 413, { ok: false, error: { kind: 'input', message: 'file too large' } });
        await pipeline(req, createWriteStream(join(uploads, id)));
        return send(res, 200, { ok: true, result: { uploadId: id } });
      }
      const download = /^\/api\/download\/([A-Za-z0-9_.-]+)$/.exec(url.pathname);
      if (req.method === 'GET' && download) {
        const file = join(reports, basename(download[1]));
        if (!existsSync(file)) return send(res, 404, { ok: false, error: { kind: 'input', message: 'no such report' } });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${basename(file).replace(/^[a-f0-9]{16}-/, 'rum-report-')}"`, 'x-content-type-options': 'nosniff' });
        createReadStream(file).pipe(res);
        return;
      }
      const call = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
      if (req.method === 'POST' && call) {
        const input = await readJson(req);
        const result = await dispatch(call[1], input);
        return send(res, 200, { ok: true, result });
      }
      return send(res, 404, { ok: false, error: { kind: 'input', message: 'no such API route' } });
    } catch (e) {
      const status = (e as { status?: number }).status;
      const body = e instanceof SyntaxError ? { kind: 'input' as const, message: `bad JSON: ${e.message}` } : toApiError(e);
      return send(res, status ?? (body.kind === 'input' ? 400 : 500), { ok: false, error: body });
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    // 127.0.0.1 only: the workbench is never reachable from another machine.
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: async () => {
      for (const c of clients) c.end();
      await new Promise<void>((ok) => server.close(() => ok()));
      rmSync(work, { recursive: true, force: true });
    },
  };
}

