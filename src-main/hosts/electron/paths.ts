// Where the app's own files are. main.ts runs only as the CommonJS bundle dist/electron/main.cjs
// (scripts/build.mjs), so __dirname is dist/electron/, in the source tree and in app.asar alike.
import { join } from 'node:path';

/** The renderer, built by Vite into dist/renderer/ and served from there at APP_URL. */
export const RENDERER_DIR = join(__dirname, '..', 'renderer');
/** The bundled, CommonJS preload (a sandboxed preload cannot be an ES module). */
export const PRELOAD = join(__dirname, 'preload.cjs');
/** The app's own scheme and host (app-protocol.ts): the page's origin is rum://app. */
export const APP_SCHEME = 'rum';
export const APP_HOST = 'app';
/** The one page the window may show and the one origin the IPC handler trusts. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
