// Where the desktop app keeps its store, and where its demo dataset comes from.
import { app } from 'electron';
import { join } from 'node:path';
import { DEMO_DIR } from '../../jobs/demo';

/** userData/workbench.db, unless RUM_WORKBENCH_DB names another (each e2e run gets its own). */
export function storePath(): string {
  return process.env.RUM_WORKBENCH_DB || join(app.getPath('userData'), 'workbench.db');
}

/** A packaged app carries the demo outside app.asar, as an extraResource (electron-builder.yml). */
export function demoDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'demo') : DEMO_DIR;
}
