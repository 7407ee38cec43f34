import { join, resolve } from 'node:path';
import { modelMeta } from '../core/model/catalog';
import { DEFAULT_CONFIG } from '../core/train/config';
import { listDatasets } from '../store/datasets';
import { openDb } from '../store/db';
import { listModels } from '../store/models';
import { importDataset } from './import/import-dataset';
import { trainJob } from './train/train-job';

/** The demo in the repo; a packaged desktop app passes its own copy (hosts/electron/store.ts). */
export const DEMO_DIR = resolve(import.meta.dirname, '..', '..', 'resources', 'demo');

/**
 * On a store that holds nothing yet, imports the bundled demo dataset and trains RUM on it, so
 * that the first thing a new user sees is a timeline to step through, not an empty screen.
 * Here, not in a host, so that the Electron main process and `npm start` share it without the
 * desktop bundle pulling in the web host.
 */
export async function ensureDemo(dbPath: string, demoDir = DEMO_DIR, log: (s: string) => void = (s) => process.stderr.write(s)): Promise<void> {
  const db = openDb(dbPath);
  try {
    if (listDatasets(db).length === 0) {
      const r = await importDataset(db, { file: join(demoDir, 'purchases.csv'), itemsFile: join(demoDir, 'items.csv'), name: 'Demo store (planted patterns)' });
      log(`imported the demo dataset: ${r.users} users, ${r.items} items, ${r.events} events\n`);
    }
    // The model the app opens on: the catalogue's first, item-level RUM.
    const kind = DEFAULT_CONFIG.model;
    if (!listModels(db).some((m) => m.kind === kind)) {
      const newest = listDatasets(db).at(-1)!;
      log(`training ${modelMeta(kind)!.title} on "${newest.name}"...\n`);
      const { model } = await trainJob(db, { datasetId: newest.datasetId, config: { model: kind } });
      log(`trained model ${model.modelId} in ${model.seconds.toFixed(1)} s on ${model.backend}\n`);
    }
  } finally {
    db.close();
  }
}
