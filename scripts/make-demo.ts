// Regenerates the bundled demo dataset in resources/demo/ from the default seed.
// Usage: node --import tsx scripts/make-demo.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoFiles } from '../src-main/core/dataset/demo-generator';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'demo');
mkdirSync(outDir, { recursive: true });
for (const [name, text] of Object.entries(demoFiles())) {
  writeFileSync(join(outDir, name), text);
  console.log(`wrote ${join('resources', 'demo', name)} (${text.length} bytes)`);
}
