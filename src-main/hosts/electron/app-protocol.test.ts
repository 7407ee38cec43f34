// The rum://app/ protocol handler on real files: it serves the built renderer with the CSP
// header and nothing outside it (.., %-tricks, symlinks out, other hosts).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn() } }));
const { appFileFor, appFileHandler } = await import('./app-protocol');
const { CONTENT_SECURITY_POLICY } = await import('./security');

let base: string;
let root: string;
let serve: (r: Request) => Promise<Response>;
const get = (url: string) => serve(new Request(url));

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'rum-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export const x = 1;');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link-out.js'));
  serve = appFileHandler(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('rum://app/', () => {
  it('serves the page with the CSP header and the right types', async () => {
    const page = await get('rum://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>app</title>');
    const script = await get('rum://app/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export const x = 1;');
    expect((await get('rum://app/')).status).toBe(200);
  });

  it.each([
    'rum://app/../secret.txt',
    'rum://app/%2e%2e/secret.txt',
    'rum://app/assets/..%2F..%2Fsecret.txt',
    'rum://app/assets/link-out.js',
    'rum://app/%E0%A4%A',
    'rum://app/missing.js',
    'rum://app/assets',
    'rum://other/index.html',
    'https://app/index.html',
  ])('answers %s with 404 and nothing of the file', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside');
  });

  it('refuses other methods', async () => {
    expect((await serve(new Request('rum://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('maps URLs to files inside root only', () => {
    expect(appFileFor(root, 'rum://app/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(appFileFor(root, 'rum://app/a%00b')).toBeUndefined();
    expect(appFileFor(root, 'not a url')).toBeUndefined();
  });
});
