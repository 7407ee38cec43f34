// The browser host never touches a path a caller names, serves only the built app's own files,
// and answers malformed requests with 4xx, never a crash.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO } from './demo-model';
import { fileWith, tmpDir } from './helpers';
import { callRaw, message, raw, testHost } from './web-host-fixture';

async function upload(port: number, token: string, body: string | Buffer): Promise<string> {
  const r = await raw(port, '/api/upload?name=x.csv', { method: 'POST', headers: { 'x-rum-token': token }, body });
  expect(r.status).toBe(200);
  return (JSON.parse(r.body) as { result: { uploadId: string } }).result.uploadId;
}

describe('web host: caller-named paths', () => {
  it('refuses exportReport with a path (400, clear message) and writes nothing there', async () => {
    const { host } = await testHost();
    const target = join(tmpDir(), 'planted.html');
    const r = await callRaw(host.port, 'exportReport', { modelId: 1, user: 'u1', format: 'html', path: target }, { 'x-rum-token': host.token });
    expect(r.status).toBe(400);
    expect(message(r)).toMatch(/never writes a path a caller names.*download/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses importDataset from a path (400, clear message) and the store stays empty', async () => {
    const { host } = await testHost();
    const headers = { 'x-rum-token': host.token };
    const r = await callRaw(host.port, 'importDataset', { source: { kind: 'path', path: join(DEMO, 'purchases.csv') } }, headers);
    expect(r.status).toBe(400);
    expect(message(r)).toMatch(/never reads a path a caller names: upload the file instead/);
    expect(JSON.parse((await callRaw(host.port, 'listDatasets', {}, headers)).body).result).toEqual([]);
  });

  it('refuses a path as the titles file too, and deletes the upload that came with it', async () => {
    const { host } = await testHost();
    const uploadId = await upload(host.port, host.token, readFileSync(join(DEMO, 'purchases.csv')));
    const r = await callRaw(
      host.port,
      'importDataset',
      { source: { kind: 'upload', uploadId, name: 'p.csv' }, itemsSource: { kind: 'path', path: join(DEMO, 'items.csv') } },
      { 'x-rum-token': host.token },
    );
    expect(r.status).toBe(400);
    expect(readdirSync(join(host.workDir, 'uploads'))).toEqual([]);
  });

  it('downloads only reports by their own names; anything else is 404 and the host keeps serving', async () => {
    const { host } = await testHost();
    const headers = { 'x-rum-token': host.token };
    writeFileSync(join(host.workDir, 'secret.txt'), 'not a report');
    for (const name of ['..', '%2e%2e', '..%2Fsecret.txt', 'secret.txt', '0123456789abcdef-u1.exe', '.']) {
      expect((await raw(host.port, `/api/download/${name}`, { headers })).status, name).toBe(404);
    }
    expect((await raw(host.port, '/')).status).toBe(200);
  });
});

describe('web host: static files', () => {
  it('refuses a symlink that leads out of the app folder, file or folder (404)', async () => {
    const { host, staticDir } = await testHost();
    const outside = fileWith('secret.txt', 'outside the app');
    symlinkSync(outside, join(staticDir, 'leak.txt'));
    symlinkSync(join(outside, '..'), join(staticDir, 'leakdir'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    symlinkSync(join(staticDir, 'assets', 'app.js'), join(staticDir, 'alias.js')); // inside: fine
    expect((await raw(host.port, '/leak.txt')).status).toBe(404);
    expect((await raw(host.port, '/leakdir/secret.txt')).status).toBe(404);
    expect((await raw(host.port, '/assets/app.js')).body).toBe('console.log(1)');
    expect((await raw(host.port, '/alias.js')).status).toBe(200);
    expect((await raw(host.port, '/../package.json')).status).toBe(404);
    expect((await raw(host.port, '/%2e%2e/package.json')).status).toBe(404);
  });

  it('answers a malformed %-escape with 400, not 500, and keeps serving', async () => {
    const { host } = await testHost();
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/%C0%AF']) {
      const r = await raw(host.port, path);
      expect(r.status, path).toBe(400);
      expect(message(r)).toMatch(/malformed %-escape/);
    }
    expect((await raw(host.port, '/%00.html')).status).toBe(400);
    expect((await raw(host.port, '/')).status).toBe(200);
  });

  it('sends the app with its CSP and no referrer', async () => {
    const { host } = await testHost();
    const r = await raw(host.port, '/');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });
});
