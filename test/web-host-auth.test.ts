// The browser host's doors, attacked over real HTTP on 127.0.0.1: who may call /api, how a
// browser signs in, and what reaches other processes' command lines.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSignedIn } from '../src-main/hosts/web/open-browser';
import { tmpDir } from './helpers';
import { callRaw, message, raw, testHost, type RawResponse } from './web-host-fixture';

const cookieOf = (r: RawResponse): string => String((r.headers['set-cookie'] as string[] | undefined)?.[0] ?? '');
const cookiePair = (r: RawResponse): string => cookieOf(r).split(';')[0];

async function signedIn(port: number, link: string): Promise<string> {
  const r = await raw(port, new URL(link).pathname + new URL(link).search);
  expect(r.status).toBe(303);
  return cookiePair(r);
}

describe('web host: who may call /api', () => {
  it('refuses a POST that carries the token only in the query string', async () => {
    const { host } = await testHost();
    const r = await raw(host.port, `/api/call/listDatasets?token=${host.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
    expect(message(r)).toMatch(/accepted only to GET \/api\/events and \/api\/download/);
    const up = await raw(host.port, `/api/upload?token=${host.token}`, { method: 'POST', body: 'u,i,1\n' });
    expect(up.status).toBe(401);
    // The same call with the header goes through, so the refusal is about where the token was.
    expect((await callRaw(host.port, 'listDatasets', {}, { 'x-rum-token': host.token })).status).toBe(200);
  });

  it('accepts the query token for GET of events and downloads only', async () => {
    const { host } = await testHost();
    expect((await raw(host.port, `/api/events?token=${host.token}`)).status).toBe(200);
    expect((await raw(host.port, `/api/download/0123456789abcdef-u1.csv?token=${host.token}`)).status).toBe(404); // allowed in, no such report
    expect((await raw(host.port, `/api/events?token=${'0'.repeat(48)}`)).status).toBe(401);
  });

  it('answers 403 to any request whose Origin is not the app itself, token or not', async () => {
    const { host } = await testHost();
    const own = { 'x-rum-token': host.token };
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`]) {
      const r = await callRaw(host.port, 'listDatasets', {}, { ...own, origin });
      expect(r.status, origin).toBe(403);
      expect(message(r)).toMatch(/another origin/);
      expect((await raw(host.port, `/api/events?token=${host.token}`, { headers: { origin } })).status, origin).toBe(403);
    }
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      expect((await callRaw(host.port, 'listDatasets', {}, { ...own, origin })).status, origin).toBe(200);
    }
  });

  it('keeps refusing a foreign Host header (DNS rebinding), even with the token', async () => {
    const { host } = await testHost();
    const r = await callRaw(host.port, 'listDatasets', {}, { host: 'evil.example', 'x-rum-token': host.token });
    expect(r.status).toBe(421);
  });
});

describe('web host: signing a browser in', () => {
  it('swaps a one-time code for an HttpOnly, SameSite=Strict session cookie and redirects to / without it', async () => {
    const { host } = await testHost();
    const link = host.signInUrl();
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?code=[a-f0-9]{32}$`));
    expect(link).not.toContain(host.token);
    const r = await raw(host.port, new URL(link).pathname + new URL(link).search);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const flags = cookieOf(r).split(';').map((f) => f.trim());
    expect(flags).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(flags[0]).toMatch(new RegExp(`^rum_session_${host.port}=[a-f0-9]{48}$`));
    expect(cookieOf(r)).not.toContain(host.token);
  });

  it('a code works exactly once', async () => {
    const { host } = await testHost();
    const link = new URL(host.signInUrl());
    expect((await raw(host.port, link.pathname + link.search)).status).toBe(303);
    const again = await raw(host.port, link.pathname + link.search);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toMatch(/already used, has expired/);
  });

  it('a code expires unused', async () => {
    const { host } = await testHost({ codeTtlMs: 50 });
    const link = new URL(host.signInUrl());
    await new Promise((r) => setTimeout(r, 120));
    expect((await raw(host.port, link.pathname + link.search)).status).toBe(401);
  });

  it("serve's printed ?token= URL also becomes the cookie, and a wrong token gets nothing", async () => {
    const { host } = await testHost();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    const r = await raw(host.port, `/?token=${host.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(cookieOf(r)).toMatch(/HttpOnly/);
    const wrong = await raw(host.port, `/?token=${'a'.repeat(48)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('the cookie alone opens events and downloads; a POST with it needs our own Origin', async () => {
    const { host } = await testHost();
    const cookie = await signedIn(host.port, host.signInUrl());
    const origin = `http://127.0.0.1:${host.port}`;
    expect((await raw(host.port, '/api/events', { headers: { cookie } })).status).toBe(200);
    expect((await raw(host.port, '/api/download/0123456789abcdef-u1.csv', { headers: { cookie } })).status).toBe(404);
    expect((await callRaw(host.port, 'listDatasets', {}, { cookie, origin })).status).toBe(200);
    const noOrigin = await callRaw(host.port, 'listDatasets', {}, { cookie });
    expect(noOrigin.status).toBe(403);
    expect(message(noOrigin)).toMatch(/must come from the app itself/);
    expect((await callRaw(host.port, 'listDatasets', {}, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    // A forged cookie value, and another port's cookie, are nobody's session.
    const [name] = cookie.split('=');
    expect((await callRaw(host.port, 'listDatasets', {}, { cookie: `${name}=${'b'.repeat(48)}`, origin })).status).toBe(401);
    expect((await callRaw(host.port, 'listDatasets', {}, { cookie: cookie.replace(name, 'rum_session_1'), origin })).status).toBe(401);
  });
});

describe('web host: the opener and the terminal never see the token', () => {
  it('hands the browser opener a one-time code, prints a different one, and neither reveals the token', async () => {
    const { host } = await testHost();
    const dir = tmpDir();
    const record = join(dir, 'opener-argv');
    const opener = join(dir, 'fake-browser.sh');
    // What any local user would read in /proc while the opener runs: its command line and args.
    writeFileSync(opener, `#!/bin/sh\ntr '\\0' ' ' < /proc/$$/cmdline > "${record}.tmp"\nprintf '\\n%s\\n' "$@" >> "${record}.tmp"\nmv "${record}.tmp" "${record}"\n`);
    chmodSync(opener, 0o700);
    let printed = '';
    const child = openSignedIn(host, (s) => (printed += s), { PATH: process.env.PATH, RUM_BROWSER: opener });
    expect(child).toBeDefined();
    const t0 = Date.now();
    while (!existsSync(record) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
    const seen = readFileSync(record, 'utf8');
    expect(seen).toContain('fake-browser.sh'); // the opener's own command line was read
    expect(seen).not.toContain(host.token);
    expect(printed).not.toContain(host.token);
    const opened = /http:\/\/127\.0\.0\.1:\d+\/\?code=[a-f0-9]{32}/.exec(seen)?.[0];
    const shown = /http:\/\/127\.0\.0\.1:\d+\/\?code=[a-f0-9]{32}/.exec(printed)?.[0];
    expect(opened).toBeDefined();
    expect(shown).toBeDefined();
    expect(shown).not.toBe(opened);
    // Each code signs in once; whoever reads the opener's command line afterwards gets nothing.
    for (const link of [opened!, shown!]) {
      const u = new URL(link);
      expect((await raw(host.port, u.pathname + u.search)).status).toBe(303);
      expect((await raw(host.port, u.pathname + u.search)).status).toBe(401);
    }
  });
});
