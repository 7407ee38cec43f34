// `npm run build`: bundles the Electron entry points into dist/ for packaging. Development runs
// the TypeScript sources directly (tsx), so nothing here is needed to use the app.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';

// The CLI has its own bundle (scripts/build-cli.mjs, ESM with a chunk per command).
const entries = {
  'electron/main': 'src-main/hosts/electron/main.ts',
  'electron/preload': 'src-main/hosts/electron/preload.ts',
  // workerEntry() (src-main/jobs/worker-entry.ts) looks for a bundled worker beside the bundle
  // that starts it, so the workers (training, import, report, ranks) sit next to the Electron main bundle.
  'electron/train-worker': 'src-main/jobs/train/train-worker.ts',
  'electron/epoch-helper-worker': 'src-main/jobs/train/epoch-helper-worker.ts',
  'electron/import-worker': 'src-main/jobs/import/import-worker.ts',
  'electron/report-worker': 'src-main/api/report-worker.ts',
  'electron/ranks-worker': 'src-main/api/ranks-worker.ts',
  'electron/influences-worker': 'src-main/api/influences-worker.ts',
  'electron/analysis-worker': 'src-main/api/analysis-worker.ts',
};

/**
 * import.meta is empty in a CommonJS bundle, and the sources use it two ways: to find files
 * beside the source (package.json, node_modules, resources/) and, through workerEntry, to find
 * the worker bundles beside the running bundle. So a source file's import.meta.url becomes
 * that source's own path, computed from the bundle's __dirname (so it still holds inside a
 * packaged app.asar), and workerEntry gets the bundle's own URL. The helpers live in the
 * bundle's banner, at top level, because a source may shadow `require` (backend.ts does).
 * scripts/build-cli.mjs does the same for the CLI's bundle.
 */
const IMPORT_META_HELPERS = [
  'const __rumBundleUrl = require("node:url").pathToFileURL(__filename).href;',
  'const __rumSourceUrl = (p) => require("node:url").pathToFileURL(require("node:path").join(__dirname, p)).href;',
  'const __rumSourceDir = (p) => require("node:path").dirname(require("node:path").join(__dirname, p));',
].join('\n');

// Not the preload: it runs sandboxed, where require() offers no node:path or node:url, and it
// has no import.meta to replace.
const SHIMMED = new Set(['electron/main', 'electron/train-worker', 'electron/epoch-helper-worker', 'electron/import-worker', 'electron/report-worker', 'electron/ranks-worker', 'electron/influences-worker', 'electron/analysis-worker']);

function importMetaShim(outDir) {
  return {
    name: 'import-meta-shim',
    setup(b) {
      b.onLoad({ filter: /[\\/]src-main[\\/].*\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta')) return undefined;
        const source = JSON.stringify(relative(outDir, args.path).split(sep).join('/'));
        return {
          loader: 'ts',
          contents: text
            .replaceAll('workerEntry(import.meta.url', 'workerEntry(__rumBundleUrl')
            .replaceAll('import.meta.url', `__rumSourceUrl(${source})`)
            .replaceAll('import.meta.dirname', `__rumSourceDir(${source})`),
        };
      });
    },
  };
}

for (const [out, entry] of Object.entries(entries)) {
  if (!existsSync(entry)) {
    console.error(`skip ${entry} (not written yet)`);
    continue;
  }
  const outfile = `dist/${out}.cjs`;
  const outDir = outfile.slice(0, outfile.lastIndexOf('/'));
  // One broken entry (esbuild has printed why) should not hide whether the others build.
  const ok = await build({
    // Read below: the desktop bundle must not carry the browser host (test/electron-bundle.test.ts).
    metafile: out === 'electron/main',
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Native addons and the tfjs backends load their own binaries/wasm files at run time. Vite
    // is a build tool the web host loads lazily in development (web/renderer-build.ts), never
    // from a bundle, and it cannot be bundled (it requires optional packages it lacks here).
    external: ['electron', 'better-sqlite3', '@tensorflow/*', 'playwright-core', 'vite'],
    ...(SHIMMED.has(out) ? { plugins: [importMetaShim(outDir)], banner: { js: IMPORT_META_HELPERS } } : {}),
  }).then(
    (r) => {
      const web = Object.keys(r.metafile?.inputs ?? {}).filter((p) => p.startsWith('src-main/hosts/web/'));
      if (web.length) console.error(`${outfile} holds the web host (${web.join(', ')}): the desktop app must not ship it`);
      return web.length === 0;
    },
    () => false,
  );
  console.error(ok ? `built ${outfile}` : `FAILED ${outfile}`);
  if (!ok) process.exitCode = 1;
}
