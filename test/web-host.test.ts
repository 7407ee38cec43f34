import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../src-main/api/contract';
import { startWebHost, type WebHost } from '../src-main/hosts/web/server';
import { DEMO } from './demo-model';
import { openDb } from '../src-main/store/db';

let host: WebHost;
let base: string;
const events: JobEvent[] = [];
let stopEvents: () => void;

/** A raw HTTP request, so that headers such as Host can be set freely. */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

// Results are checked field by field below; their shapes are the services' business.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

async function call(method: string, input: unknown, token = host.token) {
  const r = await fetch(`${base}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rum-token': token }, body: JSON.stringify(input) });
  return { status: r.status, body: (await r.json()) as { ok: boolean; result?: Loose; error?: Loose } };
}

function waitFor(jobId: string, type: 'done' | 'error' | 'cancelled'): Promise<JobEvent> {
  return new Promise((ok, fail) => {
    const t0 = Date.now();
    const poll = () => {
      const e = events.find((x) => x.jobId === jobId && x.type !== 'progress');
      if (e) return e.type === type ? ok(e) : fail(new Error(`job ended ${e.type}: ${JSON.stringify(e)}`));
      if (Date.now() - t0 > 60_000) return fail(new Error('timeout'));
      setTimeout(poll, 20);
    };
    poll();
  });
}

/** The demo log, uploaded and imported once per file by whichever test needs it first. */
let demo: Promise<{ datasetId: number; events: number }> | undefined;
function demoDataset(): Promise<{ datasetId: number; events: number }> {
  demo ??= (async () => {
    const up = await fetch(`${base}/api/upload?name=purchases.csv`, { method: 'POST', headers: { 'x-rum-token': host.token }, body: readFileSync(join(DEMO, 'purchases.csv')) });
    const { uploadId } = ((await up.json()) as { result: { uploadId: string } }).result;
    const start = await call('importDataset', { source: { kind: 'upload', uploadId, name: 'purchases.csv' } });
    expect(start.status).toBe(200);
    const done = (await waitFor(start.body.result.jobId, 'done')) as { result: { datasetId: number; events: number } };
    return done.result;
  })();
  return demo;
}

let cleanup: () => void;

beforeAll(async () => {
  // Lives for the whole file, so not the per-test temp helpers.
  const dir = mkdtempSync(join(tmpdir(), 'rum-web-test-'));
  const path = join(dir, 'store.db');
  const db = openDb(path);
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  cleanup = () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  host = await startWebHost({ db, dbPath: path, staticDir });
  base = `http://127.0.0.1:${host.port}`;
  // Listen to the server-sent events as a browser's EventSource would.
  const ac = new AbortController();
  stopEvents = () => ac.abort();
  const res = await fetch(`${base}/api/events?token=${host.token}`, { signal: ac.signal });
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  void (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const msg = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (msg.startsWith('data: ')) events.push(JSON.parse(msg.slice(6)));
        }
      }
    } catch {
      /* aborted at the end */
    }
  })();
});

afterAll(async () => {
  stopEvents();
  await host.close();
  cleanup();
});

describe('web host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[a-f0-9]{48}$/);
  });

  it('answers 401 to every /api request without the right token', async () => {
    expect((await call('listDatasets', {}, '')).status).toBe(401);
    expect((await call('listDatasets', {}, 'f'.repeat(48))).status).toBe(401);
    expect((await raw('/api/events')).status).toBe(401);
    expect((await raw('/api/download/x.html')).status).toBe(401);
    expect((await raw('/api/upload', { method: 'POST', body: 'a,b' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await raw('/api/call/listDatasets', { method: 'POST', headers: { host: 'evil.example', 'x-rum-token': host.token } });
    expect(r.status).toBe(421);
  });

  it('serves the app with a strict CSP, and nothing outside its folder', async () => {
    const r = await raw('/', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await raw('/../package.json', { headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(404);
    expect((await raw('/%2e%2e/package.json', { headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(404);
  });

  it('validates every argument with the contract', async () => {
    const bad = await call('explainStep', { modelId: -1, user: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/modelId/);
    expect((await call('listDatasets', { extra: 1 })).status).toBe(400);
    expect((await call('noSuchCall', {})).status).toBe(400);
  });

  it('uploads and imports a file as a job with progress events, then lists it', async () => {
    const { datasetId, events: imported } = await demoDataset();
    // One event per line of the log after its header.
    const lines = readFileSync(join(DEMO, 'purchases.csv'), 'utf8').trimEnd().split('\n').length - 1;
    expect(imported).toBe(lines);
    const list = await call('listDatasets', {});
    expect(list.body.result.find((d: { datasetId: number }) => d.datasetId === datasetId)).toMatchObject({ name: 'purchases', events: lines });
  });

  it('reports a bad file as an input error naming the line, and the store is unchanged', async () => {
    const before = (await call('listDatasets', {})).body.result;
    const up = await fetch(`${base}/api/upload?name=bad.csv`, { method: 'POST', headers: { 'x-rum-token': host.token }, body: 'user,item,time\nu1,i1,1\nu1,i2,yesterday\n' });
    const { uploadId } = ((await up.json()) as { result: { uploadId: string } }).result;
    const start = await call('importDataset', { source: { kind: 'upload', uploadId, name: 'bad.csv' } });
    const err = (await waitFor(start.body.result.jobId, 'error')) as { error: { kind: string; line: number; message: string } };
    expect(err.error).toMatchObject({ kind: 'input', line: 3 });
    expect((await call('listDatasets', {})).body.result).toEqual(before);
  });

  it('trains, explains and exports a report that downloads with the token only', async () => {
    const { datasetId } = await demoDataset();
    const train = await call('trainModel', { datasetId, settings: { slots: 5, dim: 8, epochs: 2 } });
    const done = (await waitFor(train.body.result.jobId, 'done')) as { result: { modelId: number } };
    expect(events.some((e) => e.jobId === train.body.result.jobId && e.type === 'progress')).toBe(true);
    const users = await call('listUsers', { modelId: done.result.modelId, query: 'u00', limit: 3 });
    expect(users.body.result.users).toHaveLength(3);
    const user = users.body.result.users[0].user;
    const ex = await call('explainStep', { modelId: done.result.modelId, user, step: 3 });
    expect(ex.body.result).toMatchObject({ user, step: 3 });
    const rep = await call('exportReport', { modelId: done.result.modelId, user, format: 'csv' });
    const fin = (await waitFor(rep.body.result.jobId, 'done')) as { result: { path: string } };
    const name = fin.result.path.split('/').pop();
    expect((await raw(`/api/download/${name}`)).status).toBe(401);
    const dl = await fetch(`${base}/api/download/${name}?token=${host.token}`);
    expect(dl.status).toBe(200);
    expect((await dl.text()).split('\r\n')[0]).toMatch(/^step,time,part/);
  });
});
