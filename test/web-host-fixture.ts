import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startWebHost, type WebHost, type WebHostOptions } from '../src-main/hosts/web/server';
import { tmpDb, tmpDir } from './helpers';

const hosts: WebHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
});

export interface TestHost {
  host: WebHost;
  base: string;
  /** The store's file and the app folder the host serves. */
  dbPath: string;
  staticDir: string;
}

/** A real web host on 127.0.0.1 over a real, empty store; closed after the test. */
export async function testHost(opts: Partial<WebHostOptions> = {}): Promise<TestHost> {
  const { db, path } = tmpDb();
  const staticDir = join(tmpDir(), 'app');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  const host = await startWebHost({ db, dbPath: path, staticDir, ...opts });
  hosts.push(host);
  return { host, base: `http://127.0.0.1:${host.port}`, dbPath: path, staticDir };
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw HTTP request, so that Host, Origin and Cookie can be set (or left out) freely. */
export function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      // An event stream never ends: its status and headers are the answer.
      if (res.headers['content-type'] === 'text/event-stream') {
        ok({ status: res.statusCode!, body: '', headers: res.headers });
        return res.destroy();
      }
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

/** POST /api/call/<method> with JSON. */
export function callRaw(port: number, method: string, input: unknown, headers: Record<string, string>): Promise<RawResponse> {
  return raw(port, `/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });
}

export const message = (r: RawResponse): string => (JSON.parse(r.body) as { error: { message: string } }).error.message;
