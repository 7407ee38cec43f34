// The browser host's resources stay bounded: uploads by size (counted as they stream) and by
// lifetime, event streams and connections by number.
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO } from './demo-model';
import { callRaw, raw, testHost } from './web-host-fixture';

/** Sends `total` bytes as a chunked body (no Content-Length); resolves with the status seen. */
function chunkedUpload(port: number, token: string, total: number): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/upload?name=big.csv', method: 'POST', headers: { host: `127.0.0.1:${port}`, 'x-rum-token': token } }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode!));
    });
    // The server may close the socket while the rest is still on its way: the status already came.
    req.on('error', (e) => (req.writableEnded ? undefined : fail(e)));
    expect(req.getHeader('content-length')).toBeUndefined();
    const chunk = Buffer.alloc(256, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

const uploadsOf = (workDir: string) => readdirSync(join(workDir, 'uploads'));

async function until(check: () => boolean, what: string): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > 30_000) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('web host: uploads', () => {
  it('refuses a chunked upload over the limit with 413 and deletes the partial file', async () => {
    const { host } = await testHost({ maxUploadBytes: 4096 });
    expect(await chunkedUpload(host.port, host.token, 64 * 1024)).toBe(413);
    await until(() => uploadsOf(host.workDir).length === 0, 'partial upload deleted');
    // Just under the limit goes through, so the 413 was about the size.
    expect(await chunkedUpload(host.port, host.token, 4096)).toBe(200);
    expect(uploadsOf(host.workDir)).toHaveLength(1);
  });

  it('refuses a declared Content-Length over the limit before reading it', async () => {
    const { host } = await testHost({ maxUploadBytes: 100 });
    const r = await raw(host.port, '/api/upload', { method: 'POST', headers: { 'x-rum-token': host.token }, body: Buffer.alloc(101) });
    expect(r.status).toBe(413);
    expect(r.body).toMatch(/limited to 100 bytes/);
    expect(uploadsOf(host.workDir)).toEqual([]);
  });

  it('deletes an upload once its import has ended: done, failed or cancelled', async () => {
    const { host } = await testHost();
    const headers = { 'x-rum-token': host.token };
    const send = async (body: string | Buffer) => {
      const r = await raw(host.port, '/api/upload?name=x.csv', { method: 'POST', headers, body });
      return (JSON.parse(r.body) as { result: { uploadId: string } }).result.uploadId;
    };
    const good = readFileSync(join(DEMO, 'purchases.csv'));
    // Big enough (300k rows) that the cancel lands while the import is still reading.
    const big = 'user,item,timestamp\n' + Array.from({ length: 300_000 }, (_, k) => `u${k % 5000},i${k % 997},${1_500_000_000 + k}`).join('\n');
    for (const [body, cancel] of [
      [good, false],
      ['user,item,time\nu1,i1,1\nu1,i2,yesterday\n', false],
      [big, true],
    ] as const) {
      const uploadId = await send(body);
      expect(existsSync(join(host.workDir, 'uploads', uploadId))).toBe(true);
      const started = await callRaw(host.port, 'importDataset', { source: { kind: 'upload', uploadId, name: 'x.csv' } }, headers);
      expect(started.status).toBe(200);
      if (cancel) await callRaw(host.port, 'cancelJob', { jobId: JSON.parse(started.body).result.jobId }, headers);
      await until(() => !existsSync(join(host.workDir, 'uploads', uploadId)), `upload ${uploadId} deleted`);
    }
    // Only the first import landed: the second failed and the third was cancelled.
    expect(JSON.parse((await callRaw(host.port, 'listDatasets', {}, headers)).body).result).toHaveLength(1);
  });

  it('keeps at most 32 uploads waiting for an import, and deletes one abandoned for an hour', async () => {
    const { host } = await testHost();
    const post = () => raw(host.port, '/api/upload', { method: 'POST', headers: { 'x-rum-token': host.token }, body: 'u1,i1,1500000000\n' });
    for (let k = 0; k < 32; k++) expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.body).toMatch(/32 uploads are already waiting/);
    // One of them left unclaimed for over an hour makes room for the next.
    const [first] = uploadsOf(host.workDir);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(host.workDir, 'uploads', first), twoHoursAgo, twoHoursAgo);
    expect((await post()).status).toBe(200);
    expect(uploadsOf(host.workDir)).not.toContain(first);
    expect(uploadsOf(host.workDir)).toHaveLength(32);
  });

  it('deletes every upload and report when the host stops', async () => {
    const { host } = await testHost();
    const r = await raw(host.port, '/api/upload', { method: 'POST', headers: { 'x-rum-token': host.token }, body: 'u1,i1,1500000000\n' });
    expect(r.status).toBe(200);
    expect(uploadsOf(host.workDir)).toHaveLength(1);
    writeFileSync(join(host.workDir, 'reports', '0123456789abcdef-u1.csv'), 'step\n');
    await host.close();
    expect(existsSync(host.workDir)).toBe(false);
  });
});

describe('web host: streams and connections', () => {
  it('caps the event-stream listeners (503 beyond)', async () => {
    const { host } = await testHost({ maxEventClients: 2 });
    const open: Socket[] = [];
    // Two listeners that stay connected, as two tabs would.
    for (let k = 0; k < 2; k++) {
      const s = connect(host.port, '127.0.0.1');
      s.write(`GET /api/events?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`);
      await new Promise<void>((ok) => s.once('data', () => ok()));
      open.push(s);
    }
    const third = await raw(host.port, `/api/events?token=${host.token}`);
    expect(third.status).toBe(503);
    open[0].destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await raw(host.port, `/api/events?token=${host.token}`)).status).toBe(200);
    open.forEach((s) => s.destroy());
  });

  it('caps open connections: one past the limit is closed unanswered', async () => {
    const { host } = await testHost({ maxConnections: 3 });
    const held: Socket[] = [];
    for (let k = 0; k < 3; k++) {
      const s = connect(host.port, '127.0.0.1');
      await new Promise<void>((ok) => s.once('connect', () => ok()));
      held.push(s);
    }
    await new Promise((r) => setTimeout(r, 50));
    const extra = connect(host.port, '127.0.0.1');
    let answered = '';
    extra.on('data', (c) => (answered += c));
    extra.on('error', () => undefined);
    extra.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`);
    await new Promise<void>((ok) => extra.once('close', () => ok()));
    expect(answered).toBe('');
    held.forEach((s) => s.destroy());
    await new Promise((r) => setTimeout(r, 100));
    expect((await raw(host.port, '/')).status).toBe(200);
  });

  it('keeps slow headers from holding a connection, but puts no short cap on a body or a stream', async () => {
    const { host } = await testHost();
    expect(host.server.headersTimeout).toBeLessThanOrEqual(60_000);
    expect(host.server.requestTimeout === 0 || host.server.requestTimeout >= 10 * 60_000).toBe(true);
    expect(host.server.timeout).toBe(0); // an idle event stream is not cut
  });
});
