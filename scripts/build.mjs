// `npm run build`: bundles the Node-side entry points into dist/ for packaging. Development and
// the CLI run the TypeScript sources directly (tsx), so nothing here is needed to use the app.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = {
  cli: 'src-main/hosts/cli/main.ts',
  'electron/main': 'src-main/hosts/electron/main.ts',
  'electron/preload': 'src-main/hosts/electron/preload.ts',
};

for (const [out, entry] of Object.entries(entries)) {
  if (!existsSync(entry)) {
    console.error(`skip ${entry} (not written yet)`);
    continue;
  }
  await build({
    entryPoints: [entry],
    outfile: `dist/${out}.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Native addons and the tfjs backends load their own binaries/wasm files at run time.
    external: ['electron', 'better-sqlite3', '@tensorflow/*', 'playwright-core'],
  });
  console.error(`built dist/${out}.cjs`);
}
