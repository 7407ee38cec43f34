// Where the app's own files are. main.ts runs only as the CommonJS bundle dist/electron/main.cjs
// (scripts/build.mjs), so __dirname is dist/electron/, in the source tree and in app.asar alike.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The renderer's page, built by Vite into dist/renderer/. */
export const RENDERER_INDEX = join(__dirname, '..', 'renderer', 'index.html');
/** The bundled, CommonJS preload (a sandboxed preload cannot be an ES module). */
export const PRELOAD = join(__dirname, 'preload.cjs');
/** The one page the window may show and the one origin the IPC handler trusts. */
export const APP_URL = pathToFileURL(RENDERER_INDEX).href;
