import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The folder run.mjs was given; these tests make no sense without it. */
export function realData(...parts: string[]): string {
  const dir = process.env.RUM_REAL_DATA;
  if (!dir) throw new Error('RUM_REAL_DATA is not set: run these tests with `npm run test:real-data -- DIR`');
  const path = join(dir, ...parts);
  if (!existsSync(path)) throw new Error(`${path} not found: DIR should hold the real data sets (amazon-musical-instruments-5core/ and its files)`);
  return path;
}
