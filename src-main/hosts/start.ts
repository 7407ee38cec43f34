import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ensureDemo } from '../jobs/demo';
import { defaultDbPath } from './data-dir';
import { ensureRendererBuilt } from './web/renderer-build';
import { openSignedIn } from './web/open-browser';
import { serveUntilStopped } from './web/serve';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The Electron binary's path, or why there is none. */
export function electronBinary(): { path?: string; why?: string } {
  // Read where electron's package records its binary, rather than require('electron'): since
  // Electron 45 that require downloads a missing binary on the spot, the very step that
  // package.json's allowScripts denies.
  let pkg: string;
  try {
    pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { why: 'the electron package is not installed' };
  }
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, name || 'electron') : name ? join(pkg, 'dist', name) : undefined;
  return binary && existsSync(binary) ? { path: binary } : { why: 'the Electron binary is not installed' };
}

/** `npm start`: Electron where its binary exists; otherwise the same app in the browser. */
export async function start(_argv: string[]): Promise<number> {
  const dbPath = defaultDbPath();
  await ensureDemo(dbPath);
  const electron = electronBinary();
  if (electron.path) {
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    await ensureRendererBuilt((s) => process.stderr.write(s));
    const child = spawn(electron.path, [ROOT], { stdio: 'inherit', env: { ...process.env, RUM_WORKBENCH_DB: dbPath } });
    return new Promise((done) => child.on('exit', (code) => done(code ?? 0)));
  }
  process.stderr.write(`Desktop window not available here: ${electron.why}. Starting the same app in your browser instead.\n`);
  const out = (s: string) => process.stdout.write(s);
  await serveUntilStopped({
    dbPath,
    log: (s) => process.stderr.write(s),
    onListening: (host) => {
      out(`\nRUM workbench (store: ${dbPath}; 127.0.0.1 only; Ctrl+C stops it)\n`);
      openSignedIn(host, out);
      // A link is good for two minutes: Enter prints a fresh one (never the long-lived token).
      const fresh = () => out(`Open: ${host.signInUrl()}\n`);
      if (process.stdin.isTTY) {
        out('(press Enter for a new link)\n');
        process.stdin.on('data', fresh);
      }
      return () => {
        process.stdin.off('data', fresh);
        process.stdin.pause();
      };
    },
  });
  return 0;
}
