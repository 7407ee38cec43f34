// `npm run bench [-- section ...]`: measures speed and memory and writes BENCHMARKS.md.
// Figures are measured here, never asserted in timed unit tests (machines differ).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchCliStartup } from './cli-startup';
import { benchCompare } from './compare';
import { benchExplain } from './explain';
import { benchImport } from './import';
import { benchInfluences } from './influences';
import { benchWhatIf } from './whatif';
import { benchImportThread } from './import-thread';
import { benchLarge } from './large';
import { benchShapley } from './shapley';
import { benchReport } from './report';
import { benchTrain } from './train';
import { benchUiStep } from './ui-step';
import { machineLine } from './machine';

const ROOT = resolve(import.meta.dirname, '..');
const TMP = join(ROOT, '.bench-tmp');
const OUT = join(ROOT, 'BENCHMARKS.md');

const SECTIONS: Record<string, (tmp: string) => Promise<string>> = {
  import: benchImport,
  'import-thread': benchImportThread,
  large: benchLarge,
  train: benchTrain,
  compare: (tmp) => benchCompare(tmp),
  explain: () => benchExplain(),
  ui: benchUiStep,
  cli: benchCliStartup,
  shapley: async () => benchShapley(),
  report: () => benchReport(),
  influences: benchInfluences,
  whatif: () => benchWhatIf(),
};

const wanted = process.argv.slice(2).filter((a) => a in SECTIONS);
// compare trains every kind over seeds (~20 min on 2 cores): only when named (`npm run bench -- compare`).
const names = wanted.length ? wanted : Object.keys(SECTIONS).filter((n) => n !== 'compare');

// Sections not re-run keep their last figures, so one section can be re-measured alone.
const previous = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
const kept = new Map<string, string>();
for (const block of previous.split(/\n(?=## )/).slice(1)) {
  const name = Object.keys(SECTIONS).find((n) => block.startsWith(`## ${title(n)}`));
  if (name) kept.set(name, block.trimEnd() + '\n');
}

const fresh = new Map<string, string>();
for (const name of names) fresh.set(name, await SECTIONS[name](TMP));

function title(name: string): string {
  return { import: 'Import', 'import-thread': 'The main thread during an import', large: 'A 10M-event dataset', train: 'Training and evaluation speed', compare: 'Model comparison', explain: 'Explanations and reports', ui: 'Stepping in the app', cli: 'Command-line start-up', shapley: 'Exact Shapley values of the memory slots', report: 'Reports of a long user', influences: 'Influence map', whatif: 'What-if' }[name] ?? name;
}

const body = Object.keys(SECTIONS)
  .map((n) => fresh.get(n) ?? kept.get(n))
  .filter(Boolean)
  .join('\n');
writeFileSync(
  OUT,
  `# Benchmarks\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.\nMachine: ${machineLine()}.\n\n${body}`,
);
console.error(`wrote ${OUT}`);
