// The desktop app's main bundle must not carry the browser host: it would ship an HTTP server
// (and its auth and upload code) that the desktop app never starts. Bundled here the way
// scripts/build.mjs bundles it (same entry, same externals), and read through esbuild's metafile.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundle(entry: string) {
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
    outfile: 'out.cjs',
    external: ['electron', 'better-sqlite3', '@tensorflow/*', 'playwright-core', 'vite'],
  });
  return { inputs: Object.keys(r.metafile.inputs), text: r.outputFiles[0].text };
}

describe('the Electron main bundle', () => {
  it('holds no web host', async () => {
    const { inputs, text } = await bundle('src-main/hosts/electron/main.ts');
    // The check itself must be able to fail: the bundle does hold the services and the demo.
    expect(inputs).toContain('src-main/api/services.ts');
    expect(inputs).toContain('src-main/jobs/demo.ts');
    expect(inputs.filter((p) => p.startsWith('src-main/hosts/web/'))).toEqual([]);
    expect(inputs).not.toContain('src-main/hosts/start.ts');
    expect(text).not.toContain('startWebHost');
  }, 60_000);

  it('is told apart from one that does (the serve routine pulls in the web host)', async () => {
    const { inputs, text } = await bundle('src-main/hosts/web/serve.ts');
    expect(inputs).toContain('src-main/hosts/web/server.ts');
    expect(text).toContain('startWebHost');
  }, 60_000);
});
