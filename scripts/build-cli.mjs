// Bundles the command line into dist/cli/ (run by `npm install` through "prepare", by
// `npm run build`, and by the unit tests' global setup when the sources are newer), so a command
// starts without compiling TypeScript. bin/rum-workbench.mjs runs the bundle only while
// dist/cli/stamp.json says it is at least as new as every file under src-main/ (see
// bin/cli-freshness.mjs), and runs the sources through tsx otherwise.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestSourceMtime } from '../bin/cli-freshness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = join(ROOT, 'dist', 'cli');

// Packages with native addons or .wasm files they find beside themselves at run time, or that
// are loaded lazily and never needed by the CLI's own code paths (vite: the web host's
// development build; electron: only its package.json is read).
const EXTERNAL = ['better-sqlite3', '@tensorflow/*', 'playwright-core', 'vite', 'electron'];

/**
 * The sources use import.meta two ways: to find files beside the source (package.json, the
 * repo root) and, through workerEntry, to find the worker bundles beside the running bundle.
 * So a source's own import.meta.url becomes that source's path (relative to the bundle, so the
 * repo may move), while workerEntry keeps the bundle's URL. In the ESM bundle the base is the
 * chunk's import.meta.url; in the CommonJS worker bundles (workerEntry asks for .cjs) it is
 * __filename, which the banner turns into a URL.
 */
function importMetaShim(outDir, format) {
  const base = format === 'esm' ? 'import.meta.url' : '__rumBundleUrl';
  return {
    name: 'import-meta-shim',
    setup(b) {
      b.onLoad({ filter: /[\\/]src-main[\\/].*\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta')) return undefined;
        const rel = JSON.stringify(relative(outDir, args.path).split(sep).join('/'));
        const url = `new URL(${rel}, ${base}).href`;
        return {
          loader: 'ts',
          contents: text
            .replaceAll('workerEntry(import.meta.url', 'workerEntry(__RUM_BUNDLE_URL__')
            .replaceAll('import.meta.url', url)
            .replaceAll('import.meta.dirname', `__rumDirname(${url})`)
            .replaceAll('__RUM_BUNDLE_URL__', base),
        };
      });
    },
  };
}

const HELPERS = {
  esm: [
    'import { fileURLToPath as __rumToPath } from "node:url";',
    'import { dirname as __rumDir } from "node:path";',
    'const __rumDirname = (u) => __rumDir(__rumToPath(u));',
  ].join('\n'),
  // A source may shadow `require` (backend.ts does), so the helpers sit at the top of the file.
  cjs: [
    'const __rumBundleUrl = require("node:url").pathToFileURL(__filename).href;',
    'const __rumDirname = (u) => require("node:path").dirname(require("node:url").fileURLToPath(u));',
  ].join('\n'),
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  logLevel: 'warning',
  // Names stay readable in stack traces that users paste into bug reports.
  keepNames: true,
};

// A version a command may still be running from (its chunks load on demand, its workers start
// later) is kept this long after a newer one replaces it.
const KEEP_OLD_MS = 24 * 3600 * 1000;

/**
 * Builds a new version folder under outDir, then points outDir/stamp.json at it (written to a
 * temporary file and renamed, so a reader sees the old stamp or the new one, never half of
 * one). A command started from an older version keeps loading its own chunks and workers,
 * however many builds come after (each test run may build). Returns the version folder.
 * outDir must lie inside the repo: the bundle finds its external packages in node_modules.
 */
export async function buildCli(outDir = CLI_DIR) {
  const { build } = await import('esbuild');
  const sourcesMtimeMs = newestSourceMtime(ROOT); // read before esbuild reads the sources
  const version = `v${Date.now().toString(36)}-${process.pid}`;
  const dir = join(outDir, version);
  mkdirSync(dir, { recursive: true });
  // The commands are loaded on demand (hosts/cli/main.ts), and splitting keeps each in its own
  // chunk, so `datasets` never reads the code (or tfjs) that `train` needs.
  await build({
    ...common,
    entryPoints: { main: 'src-main/hosts/cli/main.ts' },
    outdir: dir,
    format: 'esm',
    splitting: true,
    // Chunks beside the entry: workerEntry looks for the worker bundles next to its caller.
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    plugins: [importMetaShim(dir, 'esm')],
    banner: { js: HELPERS.esm },
    absWorkingDir: ROOT,
  });
  // The workers, each one file (CommonJS) beside the chunks; `serve` runs the report worker.
  const workers = {
    'train-worker': 'src-main/jobs/train/train-worker.ts',
    'epoch-helper-worker': 'src-main/jobs/train/epoch-helper-worker.ts',
    'import-worker': 'src-main/jobs/import/import-worker.ts',
    'report-worker': 'src-main/api/report-worker.ts',
    'ranks-worker': 'src-main/api/ranks-worker.ts',
    'influences-worker': 'src-main/api/influences-worker.ts',
    'analysis-worker': 'src-main/api/analysis-worker.ts',
  };
  for (const [name, entry] of Object.entries(workers)) {
    await build({
      ...common,
      entryPoints: [entry],
      outfile: join(dir, `${name}.cjs`),
      format: 'cjs',
      plugins: [importMetaShim(dir, 'cjs')],
      banner: { js: HELPERS.cjs },
      absWorkingDir: ROOT,
    });
  }
  const tmp = join(outDir, `stamp.json.${process.pid}`);
  writeFileSync(tmp, `${JSON.stringify({ sourcesMtimeMs, version })}\n`);
  renameSync(tmp, join(outDir, 'stamp.json'));
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const old = join(outDir, entry.name);
    if (entry.isDirectory() && entry.name !== version && Date.now() - statSync(old).mtimeMs > KEEP_OLD_MS) {
      rmSync(old, { recursive: true, force: true });
    } else if (!entry.isDirectory() && !entry.name.startsWith('stamp.json')) {
      rmSync(old, { force: true }); // a bundle from before version folders
    }
  }
  return dir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now();
  let built;
  try {
    built = await buildCli();
  } catch (e) {
    // An install without devDependencies has no esbuild: the CLI then runs from the sources.
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes("'esbuild'")) throw e;
    console.error('esbuild is not installed: the CLI will run from the sources (slower start)');
    process.exit(0);
  }
  console.error(`built ${relative(process.cwd(), built)} in ${Math.round(performance.now() - t0)} ms`);
}
