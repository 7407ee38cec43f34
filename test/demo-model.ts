import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import type { Db } from '../src-main/store/db';
import type { DemoTruth } from '../src-main/core/dataset/demo-generator';
import { REPO } from './helpers';

export const DEMO = join(REPO, 'resources', 'demo');

export function demoTruth(): DemoTruth {
  return JSON.parse(readFileSync(join(DEMO, 'truth.json'), 'utf8'));
}

export async function importDemo(db: Db): Promise<number> {
  const r = await importDataset(db, { file: join(DEMO, 'purchases.csv'), itemsFile: join(DEMO, 'items.csv') });
  return r.datasetId;
}
