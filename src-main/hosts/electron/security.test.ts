import { describe, expect, it } from 'vitest';
import { checkWebPreferences, CONTENT_SECURITY_POLICY, isAllowedNavigation, isTrustedSender, REQUIRED_PREFERENCES } from './security';

const APP = 'rum://app/index.html';

describe('checkWebPreferences', () => {
  it('accepts the preferences the app uses', () => {
    expect(checkWebPreferences({ ...REQUIRED_PREFERENCES, preload: '/x/preload.cjs' })).toEqual([]);
  });

  it('accepts the minimal safe set (optional Node switches left out)', () => {
    expect(checkWebPreferences({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })).toEqual([]);
  });

  it.each([
    ['contextIsolation', false],
    ['sandbox', false],
    ['nodeIntegration', true],
    ['webSecurity', false],
    ['nodeIntegrationInWorker', true],
    ['nodeIntegrationInSubFrames', true],
    ['allowRunningInsecureContent', true],
    ['experimentalFeatures', true],
    ['webviewTag', true],
  ])('flags %s = %s', (key, value) => {
    const violations = checkWebPreferences({ ...REQUIRED_PREFERENCES, [key]: value });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain(key);
  });

  it.each(['contextIsolation', 'sandbox', 'nodeIntegration', 'webSecurity'])('flags %s left to the default', (key) => {
    const prefs: Record<string, unknown> = { ...REQUIRED_PREFERENCES };
    const want = prefs[key];
    delete prefs[key];
    expect(checkWebPreferences(prefs)).toEqual([`${key} is undefined, must be ${String(want)}`]);
  });

  it('flags Blink features and missing preferences', () => {
    expect(checkWebPreferences({ ...REQUIRED_PREFERENCES, enableBlinkFeatures: 'Foo' })).toEqual(['enableBlinkFeatures is set (Foo)']);
    expect(checkWebPreferences(undefined)).toEqual(['no webPreferences']);
  });

  it('lists every violation of an insecure window', () => {
    expect(checkWebPreferences({ contextIsolation: false, sandbox: false, nodeIntegration: true, webSecurity: false })).toHaveLength(4);
  });
});

describe('isAllowedNavigation', () => {
  it('allows the app page, with any route or query', () => {
    expect(isAllowedNavigation(APP, APP)).toBe(true);
    expect(isAllowedNavigation(`${APP}#/model/3/user/u17`, APP)).toBe(true);
    expect(isAllowedNavigation(`${APP}?step=4`, APP)).toBe(true);
  });

  it('treats percent-encoding as the same path', () => {
    expect(isAllowedNavigation('rum://app/%69ndex.html', APP)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:5173/index.html',
    'file:///etc/passwd',
    // The old file:// page: the app is served from rum://app only now.
    'file:///opt/RUM%20Workbench/resources/app.asar/dist/renderer/index.html',
    'rum://app/other.html',
    'rum://app/index.html/../../evil.html',
    'rum://evil/index.html',
    'rum://app/index.html%2F..%2Fx',
    'rum://app/%E0%A4%A.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url, APP)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only frames showing the app page', () => {
    expect(isTrustedSender(APP, APP)).toBe(true);
    expect(isTrustedSender(`${APP}#/datasets`, APP)).toBe(true);
    expect(isTrustedSender('https://example.com/', APP)).toBe(false);
    expect(isTrustedSender('about:blank', APP)).toBe(false);
    expect(isTrustedSender(null, APP)).toBe(false);
    expect(isTrustedSender(undefined, APP)).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows no remote or inline script, no plugins, no framing, no <base> and no form target', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });
});
