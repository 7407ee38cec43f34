// The paper's Table 2 protocol on three datasets: MostPopular, BPR-MF, FPMC and item-level RUM,
// mean and spread over 5 seeds, through the same code path as `rum-workbench train`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RankingMetrics } from '../src-main/core/eval/metrics';
import { MODEL_CATALOG } from '../src-main/core/model/catalog';
import { BABY_SHAPE, generateSequentialLog, interactionsToCsv } from '../src-main/core/dataset/synthetic-log';
import type { ModelKind, TrainConfig } from '../src-main/core/train/config';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { trainJob } from '../src-main/jobs/train/train-job';
import { openDb } from '../src-main/store/db';

const ROOT = resolve(import.meta.dirname, '..');
const AMAZON = resolve(ROOT, '../shared/data/amazon-musical-instruments-5core');
// Every registered kind, named as the catalogue names it; the baselines first (those without
// explanations), as the paper's Table 2 lists them, so a new model joins the table by itself.
const MODELS: ModelKind[] = [...MODEL_CATALOG.filter((m) => !m.explains), ...MODEL_CATALOG.filter((m) => m.explains)].map((m) => m.kind);
const NAMES = Object.fromEntries(MODEL_CATALOG.map((m) => [m.kind, m.title])) as Record<ModelKind, string>;
/** A kind with nothing to train (counts) gives the same figures for every seed. */
const untrained = (kind: ModelKind) => MODEL_CATALOG.find((m) => m.kind === kind)?.loss === null;
const SEEDS = [1, 2, 3, 4, 5];
const KEYS: (keyof RankingMetrics)[] = ['precision', 'recall', 'f1', 'hr', 'ndcg'];

interface Data {
  name: string;
  file: string;
  items?: string;
  note: string;
}

function stats(xs: number[]): string {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${(100 * mean).toFixed(2)} ± ${(100 * sd).toFixed(2)}`;
}

export async function benchCompare(tmp: string, config: Partial<TrainConfig> = {}): Promise<string> {
  mkdirSync(tmp, { recursive: true });
  const baby = join(tmp, 'baby-shaped.csv');
  writeFileSync(baby, interactionsToCsv(generateSequentialLog({ ...BABY_SHAPE, seed: 2018 })));
  const datasets: Data[] = [
    { name: 'Amazon Musical Instruments 5-core (../shared/data)', file: join(AMAZON, 'Musical_Instruments_5.csv'), note: '188 users after the 10-event filter' },
    { name: 'Demo store (resources/demo, planted patterns)', file: join(ROOT, 'resources/demo/purchases.csv'), note: '400 users, 134 items' },
    { name: 'Generated, Baby Care shape (2379 users, 14037 items, 77198 events)', file: baby, note: 'synthetic-log.ts, seed 2018' },
  ];
  const dbPath = join(tmp, 'compare.db');
  rmSync(dbPath, { force: true });
  const db = openDb(dbPath);
  const lines: string[] = [
    '## Model comparison (issue 4)',
    '',
    "Paper protocol (docs/protocol.md): users with >= 10 events, per-user 70/30 time split, N = 5, ranking every item not bought in",
    `training. Figures in %, mean ± standard deviation over seeds ${SEEDS.join(', ')}. Settings: the workbench defaults`,
    `(D 32, K 20, alpha 0.2, beta 1, Adam lr 0.005, l2 1e-4, 1 negative, batch 512, at most 100 epochs with early stopping on validation NDCG@5, patience 10)${Object.keys(config).length ? `, with ${JSON.stringify(config)}` : ''}.`,
    '',
  ];
  for (const d of datasets) {
    const { datasetId } = await importDataset(db, { file: d.file, itemsFile: d.items });
    lines.push(`### ${d.name}`, '', `(${d.note})`, '', '| model | P@5 | R@5 | F1@5 | HR@5 | NDCG@5 | epochs | seconds |', '|---|---|---|---|---|---|---|---|');
    for (const model of MODELS) {
      const runs: { m: RankingMetrics; epochs: number; seconds: number }[] = [];
      for (const seed of untrained(model) ? [1] : SEEDS) {
        const { model: rec } = await trainJob(db, { datasetId, config: { ...config, model, seed } });
        runs.push({ m: (rec.metrics as { test: { metrics: RankingMetrics } }).test.metrics, epochs: rec.epochs, seconds: rec.seconds });
        console.error(`${d.name.slice(0, 20)} ${model} seed ${seed}: HR@5 ${(100 * runs[runs.length - 1].m.hr).toFixed(2)} %`);
      }
      const cells = KEYS.map((k) => stats(runs.map((r) => r.m[k])));
      const avg = (f: (r: (typeof runs)[0]) => number) => (runs.reduce((a, r) => a + f(r), 0) / runs.length).toFixed(1);
      lines.push(`| ${NAMES[model]} | ${cells.join(' | ')} | ${avg((r) => r.epochs)} | ${avg((r) => r.seconds)} |`);
    }
    lines.push('');
  }
  db.close();
  rmSync(dbPath, { force: true });
  return lines.join('\n');
}
