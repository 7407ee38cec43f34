// The CSP that reaches the page: index.html carries it in a <meta> (so it holds however the
// page is loaded), and it is the same policy in the desktop and the browser host.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// One constant serves both hosts (hosts/app-page.ts), so only the <meta> copy can drift.
import { APP_CSP as CONTENT_SECURITY_POLICY } from '../app-page';

const INDEX = new URL('../../../src-renderer/index.html', import.meta.url);

/** directive name -> its sources, so order and spacing do not matter. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources.join(' ')]),
  );
}

function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]);
}

describe('the page CSP', () => {
  const html = readFileSync(INDEX, 'utf8');
  const [meta, ...more] = metaPolicies(html);

  it('is in index.html as one <meta>, before any script, style or link', () => {
    expect(meta).toBeDefined();
    expect(more).toEqual([]);
    const at = html.indexOf('http-equiv="Content-Security-Policy"');
    for (const tag of ['<script', '<link', '<style']) {
      const first = html.indexOf(tag);
      if (first >= 0) expect(at, `${tag} comes before the CSP`).toBeLessThan(first);
    }
  });

  it('is the hosts header policy less frame-ancestors, which a <meta> cannot carry', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(meta)).toEqual(header);
  });

  it('allows no inline or remote script', () => {
    expect(directives(meta).get('script-src')).toBe("'self'");
    expect(directives(meta).get('object-src')).toBe("'none'");
  });
});
