import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The file to start a worker from. From the TypeScript sources it is the .mjs boot file beside
 * the worker (it registers tsx); in a bundled build, the bundled .cjs next to the bundle.
 */
export function workerEntry(callerUrl: string, name: string): string {
  const here = fileURLToPath(callerUrl);
  const dir = here.slice(0, here.lastIndexOf('/') + 1);
  const boot = `${dir}${name}-boot.mjs`;
  if (here.endsWith('.ts') && existsSync(boot)) return boot;
  return `${dir}${name}.cjs`;
}
