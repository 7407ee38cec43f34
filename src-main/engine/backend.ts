// Picks the tfjs backend once per process (or worker thread): tfjs-node if it loads, else wasm,
// else cpu (docs/architecture.md "Design facts"). Every failure is recorded rather than
// thrown, so callers can always report which backend runs and why the faster ones do not.
// tfjs itself is imported on the first initBackend: loading it costs a command that never
// trains or ranks (`datasets`, `models`, ...) most of its start-up.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { provideTfjs } from '../core/model/tfjs';

type Tf = typeof import('@tensorflow/tfjs');

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendAttempt {
  name: string;
  error?: string;
}

export interface BackendChoice {
  backend: string;
  tried: BackendAttempt[];
}

const ORDER: BackendName[] = ['tensorflow', 'wasm', 'cpu'];

// A specifier held in a variable: bundlers and vite's import analysis would otherwise try to
// resolve the optional package at build time and fail where it is not installed.
const TFJS_NODE = '@tensorflow/tfjs-node';

let chosen: Promise<BackendChoice> | null = null;
/** tfjs, once a backend is running on it. */
let settled: Tf | null = null;
let wasmPathsSet = false;

/**
 * Initialises the fastest backend that loads. Idempotent: later calls return the first call's
 * result whatever `prefer` they pass, since tfjs holds one global engine per thread.
 */
export function initBackend(prefer?: BackendName): Promise<BackendChoice> {
  chosen ??= choose(prefer);
  return chosen;
}

/** The backend tfjs is running on, or null before initBackend has finished. */
export function currentBackend(): string | null {
  return settled ? settled.getBackend() : null;
}

async function choose(prefer?: BackendName): Promise<BackendChoice> {
  const tf = await import('@tensorflow/tfjs');
  const order = prefer ? [prefer, ...ORDER.filter((n) => n !== prefer)] : ORDER;
  const tried: BackendAttempt[] = [];
  for (const name of order) {
    try {
      await prepare(name);
      // setBackend resolves false (after logging) when the backend's init fails.
      if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') returned false`);
      await tf.ready();
      tried.push({ name });
      settled = tf;
      // Core's tensor code (models' tfjs definitions and rankings) takes tfjs from here.
      provideTfjs(tf);
      return { backend: tf.getBackend(), tried };
    } catch (e) {
      tried.push({ name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  // cpu ships inside @tensorflow/tfjs, so reaching this means tfjs itself is broken.
  throw new Error(`no tfjs backend could be initialised: ${JSON.stringify(tried)}`);
}

async function prepare(name: BackendName): Promise<void> {
  if (name === 'tensorflow') {
    // Importing tfjs-node registers the 'tensorflow' backend as a side effect.
    await import(/* @vite-ignore */ TFJS_NODE);
  } else if (name === 'wasm') {
    await prepareWasm();
  }
}

/**
 * Registers the wasm backend and points it at the .wasm binaries on disk. In Node the package's
 * own guess (its script's folder) breaks once the code is bundled, so the folder is resolved
 * from the package itself. tfjs picks the SIMD binary when WebAssembly SIMD validates (it does in
 * Node 20) and never the threaded one in Node: its flag says no, and forcing it fails because
 * Emscripten hands worker_threads a blob: URL (ERR_WORKER_PATH), which leaves the backend
 * unusable. So the single-threaded SIMD build is the fastest that loads here.
 */
async function prepareWasm(): Promise<void> {
  const mod = (await import('@tensorflow/tfjs-backend-wasm')) as typeof import('@tensorflow/tfjs-backend-wasm') & {
    default?: typeof import('@tensorflow/tfjs-backend-wasm');
  };
  if (wasmPathsSet) return;
  const setWasmPaths = mod.setWasmPaths ?? mod.default?.setWasmPaths;
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  setWasmPaths(`${dist}/`);
  wasmPathsSet = true;
}
