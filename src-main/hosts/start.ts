import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { importDataset } from '../jobs/import/import-dataset';
import { listDatasets } from '../store/datasets';
import { openDb } from '../store/db';
import { defaultDbPath } from './data-dir';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const DEMO_DIR = join(ROOT, 'resources', 'demo');

/** Imports the bundled demo dataset into a store that holds nothing yet; returns the datasets. */
export async function ensureDemo(dbPath: string): Promise<void> {
  const db = openDb(dbPath);
  try {
    if (listDatasets(db).length > 0) return;
    const r = await importDataset(db, {
      file: join(DEMO_DIR, 'purchases.csv'),
      itemsFile: join(DEMO_DIR, 'items.csv'),
      name: 'Demo store (planted patterns)',
    });
    process.stderr.write(`imported the demo dataset: ${r.users} users, ${r.items} items, ${r.events} events\n`);
  } finally {
    db.close();
  }
}

/** Why Electron cannot start here, or undefined when its binary is present. */
export function electronUnavailable(): string | undefined {
  try {
    // The electron package exports the path of its binary, and throws when its download failed.
    const binary = createRequire(import.meta.url)('electron') as unknown;
    if (typeof binary !== 'string' || !existsSync(binary)) return 'the Electron binary is not installed';
    return undefined;
  } catch (e) {
    return `the Electron binary is not installed (${(e as Error).message.split('\n')[0]})`;
  }
}

export async function start(_argv: string[]): Promise<number> {
  const dbPath = defaultDbPath();
  await ensureDemo(dbPath);
  const db = openDb(dbPath);
  const datasets = listDatasets(db);
  db.close();
  const why = electronUnavailable();
  process.stderr.write(
    [
      `RUM workbench store: ${dbPath}`,
      ...datasets.map((d) => `  dataset ${d.datasetId}: ${d.name} (${d.users} users, ${d.items} items, ${d.events} events)`),
      why ? `Desktop window: not available here: ${why}.` : 'Desktop window: Electron is installed.',
      'The app window arrives with the workbench UI; until then use the command line:',
      '  npx rum-workbench datasets',
      '  npx rum-workbench import FILE [--items TITLES]',
      '',
    ].join('\n'),
  );
  return 0;
}
