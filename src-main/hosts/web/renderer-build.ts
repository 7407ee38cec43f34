import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the renderer with Vite when dist/renderer is missing or older than its sources. */
export async function ensureRendererBuilt(log: (s: string) => void = () => {}): Promise<string> {
  const index = join(RENDERER_DIR, 'index.html');
  const sources = join(ROOT, 'src-renderer');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return RENDERER_DIR;
  log('building the app UI (vite)...\n');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return RENDERER_DIR;
}
