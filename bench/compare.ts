// The paper's Table 2 protocol on the data at hand (issue 12 item 5): every registered kind
// (REGISTERED_KINDS, so a kind joins the tables as soon as it is registered), over 5 seeds, through
// the same code path as `rum-workbench train`; mean ± sd per metric, seconds per epoch, and paired
// Wilcoxon signed-rank tests over users of each RUM kind (id `rum-*`) against each baseline.
//
// Run time on 2 cores is kept sane by capping epochs and patience (stated in the section text);
// the caps and seeds can be changed for a longer run with COMPARE_SEEDS, COMPARE_SEEDS_LARGE,
// COMPARE_EPOCHS, COMPARE_EPOCHS_LARGE and COMPARE_PATIENCE (e.g. COMPARE_SEEDS=1 while developing).
// COMPARE_ONLY=amazon,demo,baby re-measures only those datasets; the others keep the tables last
// written to BENCHMARKS.md (the Baby-shaped log alone takes about an hour at 5 seeds).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { RankingMetrics } from '../src-main/core/eval/metrics';
import { wilcoxonSignedRank } from '../src-main/core/eval/wilcoxon';
import { modelMeta } from '../src-main/core/model/catalog';
import { REGISTERED_KINDS } from '../src-main/core/model/registry';
import { BABY_SHAPE, generateSequentialLog, interactionsToCsv } from '../src-main/core/dataset/synthetic-log';
import type { ModelKind, TrainConfig } from '../src-main/core/train/config';
import { loadModel } from '../src-main/engine/loaded-model';
import { perUserModelMetrics } from '../src-main/engine/per-user-metrics';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { trainJob } from '../src-main/jobs/train/train-job';
import { openDb } from '../src-main/store/db';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED_DATA = resolve(ROOT, '../shared/data');
const AMAZON = join(SHARED_DATA, 'amazon-musical-instruments-5core');
const KEYS: (keyof RankingMetrics)[] = ['precision', 'recall', 'f1', 'hr', 'ndcg'];
const N = 5;

const envInt = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

/** The table order of the paper: baselines first, then the RUM kinds; each group in registry order. */
export function tableOrder(kinds: readonly string[]): string[] {
  return [...kinds.filter((k) => !isRum(k)), ...kinds.filter(isRum)];
}
export const isRum = (kind: string) => kind.startsWith('rum-');
const title = (kind: string) => modelMeta(kind)?.title ?? kind;
/** A kind with nothing to train (counts) gives the same figures for every seed. */
const untrained = (kind: string) => modelMeta(kind)?.loss === null;

interface Data {
  /** COMPARE_ONLY's name for it. */
  key: 'amazon' | 'demo' | 'baby';
  name: string;
  file: string;
  items?: string;
  note: string;
  /** Large data gets the tighter epoch cap and fewer seeds. */
  large: boolean;
}

interface Run {
  seed: number;
  m: RankingMetrics;
  epochs: number;
  secondsPerEpoch: number;
  seconds: number;
  /** Per-user NDCG@5 and HR@5 by split user index. */
  ndcg: Map<number, number>;
  hr: Map<number, number>;
}

function meanSd(xs: number[]): [number, number] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return [mean, sd];
}
const pct = (xs: number[]) => {
  const [m, s] = meanSd(xs);
  return `${(100 * m).toFixed(2)} ± ${(100 * s).toFixed(2)}`;
};
const fmtP = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

/** Each user's figure averaged over the runs (every run of one dataset evaluates the same users). */
function perUserMean(runs: Run[], key: 'ndcg' | 'hr'): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of runs) for (const [u, v] of r[key]) out.set(u, (out.get(u) ?? 0) + v / runs.length);
  return out;
}

export async function benchCompare(tmp: string, config: Partial<TrainConfig> = {}): Promise<string> {
  // `npm run bench -- compare` runs 5 seeds on every dataset: about 20 min for the two small ones and
  // an hour for the Baby-shaped log on 2 cores (SASRec alone takes ~20 s an epoch there). Called
  // without being named (a test of the bench), 1 seed.
  const named = process.argv.slice(2).includes('compare');
  const seedList = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
  const seeds = seedList(envInt('COMPARE_SEEDS', named ? 5 : 1));
  const seedsLarge = seedList(envInt('COMPARE_SEEDS_LARGE', named ? 5 : 1));
  const capSmall = envInt('COMPARE_EPOCHS', 30);
  // 20, not 8: feature-level RUM's best validation epoch on the Baby-shaped log is 13-17 (its loss
  // falls more slowly than BPR-MF's, which peaks by epoch 9); at 8 every recurrent kind was cut short.
  const capLarge = envInt('COMPARE_EPOCHS_LARGE', 20);
  const patience = envInt('COMPARE_PATIENCE', 10);
  const kinds = tableOrder(REGISTERED_KINDS);
  const rums = kinds.filter(isRum);
  const baselines = kinds.filter((k) => !isRum(k));

  mkdirSync(tmp, { recursive: true });
  const baby = join(tmp, 'baby-shaped.csv');
  writeFileSync(baby, interactionsToCsv(generateSequentialLog({ ...BABY_SHAPE, seed: 2018 })));
  const amazonFile = join(AMAZON, 'Musical_Instruments_5.csv');
  const datasets: Data[] = [
    { key: 'demo', name: 'Demo store (resources/demo, planted patterns)', file: join(ROOT, 'resources/demo/purchases.csv'), note: '400 users, 134 items; scripts/make-demo.ts', large: false },
    {
      key: 'baby',
      name: `Generated, Baby Care shape (${BABY_SHAPE.users} users, ${BABY_SHAPE.items} items, ${BABY_SHAPE.events} events)`,
      file: baby,
      note: 'core/dataset/synthetic-log.ts, seed 2018; the paper\u2019s Table 1 size for Baby, not its data',
      large: true,
    },
  ];
  const lines: string[] = [
    '## Model comparison (issue 4; Table 2 on the data at hand, issue 12)',
    '',
    'Paper protocol (docs/protocol.md): users with >= 10 events, per-user 70/30 time split, N = 5, ranking every item not bought in',
    `training. Every registered kind (${kinds.join(', ')}), each with the workbench defaults for its kind (D 32, K 20, alpha 0.2,`,
    'beta 1, Adam lr 0.005, l2 1e-4, 1 negative, batch 512; settings a kind fixes are fixed), except the caps that keep this',
    `section's run time sane on 2 cores: **at most ${capSmall} epochs (${capLarge} on the Baby-shaped log)**, early-stopping patience ${patience}`,
    `(the workbench trains up to 100 epochs with patience 10; patience 5 stopped BPR-MF at epoch 6 on the Amazon file), so the trained kinds may be under-trained here${Object.keys(config).length ? `; also ${JSON.stringify(config)}` : ''}.`,
    `Figures in %, mean ± sample standard deviation over seeds ${seeds.join(', ')}, on the Baby-shaped log seed${seedsLarge.length > 1 ? 's' : ''} ${seedsLarge.join(', ')}`,
    `(MostPopular, with nothing to train, once; '± 0.00' with one seed is no spread measured).`,
    "'s/epoch' is the mean wall time of one training epoch including its validation ranking; 'epochs' the mean run.",
    '',
    `Wilcoxon: paired signed-rank test over the test users, two-sided, of each RUM kind against each baseline, on each user's`,
    `NDCG@5 and HR@5 averaged over the dataset's seeds (the same users in every run; with one seed, that seed's). Zero differences are dropped (Wilcoxon's method;`,
    "n = users whose figures differ), tied |differences| get average ranks; p is exact for n <= 25 without ties, else the normal",
    "approximation with tie and continuity correction (core/eval/wilcoxon.ts). 'diff' = RUM minus baseline, in points of %.",
    '',
  ];
  if (existsSync(amazonFile)) {
    datasets.unshift({
      key: 'amazon',
      name: 'Amazon Musical Instruments 5-core (../shared/data beside the repo)',
      file: amazonFile,
      note: 'real ratings; 188 users after the 10-event filter',
      large: false,
    });
  } else {
    lines.push(`(No ../shared/data/amazon-musical-instruments-5core beside the repo: the real-data table is skipped.)`, '');
  }

  const dbPath = join(tmp, 'compare.db');
  rmSync(dbPath, { force: true });
  const db = openDb(dbPath);
  const started = performance.now();
  const only = (process.env.COMPARE_ONLY ?? '').split(',').filter(Boolean);
  const previous = previousTables();
  for (const d of datasets) {
    const cap = d.large ? capLarge : capSmall;
    if (only.length && !only.includes(d.key)) {
      const kept = previous.get(d.name);
      lines.push(...(kept ?? [`### ${d.name}`, '', `(not measured: COMPARE_ONLY=${only.join(',')} and no earlier table in BENCHMARKS.md)`, '']));
      continue;
    }
    const { datasetId } = await importDataset(db, { file: d.file, itemsFile: d.items });
    const runs = new Map<string, Run[]>();
    for (const kind of kinds) {
      const list: Run[] = [];
      for (const seed of untrained(kind) ? [1] : d.large ? seedsLarge : seeds) {
        const cfg: Partial<TrainConfig> = { ...config, model: kind as ModelKind, seed, epochs: cap, patience };
        const { model: rec } = await trainJob(db, { datasetId, config: cfg, force: true });
        const loaded = loadModel(db, rec.modelId);
        const pu = await perUserModelMetrics(loaded, N);
        const ndcg = new Map<number, number>();
        const hr = new Map<number, number>();
        pu.users.forEach((u, j) => {
          ndcg.set(u, pu.perUser[j].ndcg);
          hr.set(u, pu.perUser[j].hr);
        });
        const curve = rec.curve;
        list.push({
          seed,
          // The stored test metrics (the trainer's worker); the per-user figures are re-ranked here.
          m: (rec.metrics as { test: { metrics: RankingMetrics } }).test.metrics,
          epochs: rec.epochs,
          secondsPerEpoch: curve.length ? curve.reduce((a, c) => a + c.seconds, 0) / curve.length : 0,
          seconds: rec.seconds,
          ndcg,
          hr,
        });
        const stored = list[list.length - 1].m;
        const drift = Math.abs(pu.evaluation.metrics.ndcg - stored.ndcg);
        console.error(
          `compare ${d.name.slice(0, 24)} ${kind} seed ${seed}: NDCG@5 ${(100 * stored.ndcg).toFixed(2)} % HR@5 ${(100 * stored.hr).toFixed(2)} %, ${rec.epochs} epochs, ${rec.seconds.toFixed(1)} s` +
            (drift > 1e-9 ? ` (re-ranked NDCG differs by ${drift.toExponential(1)})` : ''),
        );
      }
      runs.set(kind, list);
    }
    const users = runs.get(kinds[0])![0].ndcg.size;
    // Timings mean little on a busy machine: the load is stated with them.
    const load = loadavg()[1].toFixed(1);
    lines.push(`### ${d.name}`, '', `(${d.note}; ${users} test users; at most ${cap} epochs; seeds ${(d.large ? seedsLarge : seeds).join(', ')}; 5-minute load average ${load} at the end)`, '');
    lines.push('| model | P@5 | R@5 | F1@5 | HR@5 | NDCG@5 | epochs | s/epoch | seconds |', '|---|---|---|---|---|---|---|---|---|');
    for (const kind of kinds) {
      const list = runs.get(kind)!;
      const cells = KEYS.map((k) => pct(list.map((r) => r.m[k])));
      const avg = (f: (r: Run) => number, digits: number) => (list.reduce((a, r) => a + f(r), 0) / list.length).toFixed(digits);
      const trained = !untrained(kind);
      lines.push(
        `| ${title(kind)} | ${cells.join(' | ')} | ${trained ? avg((r) => r.epochs, 1) : '-'} | ${trained ? avg((r) => r.secondsPerEpoch, 2) : '-'} | ${avg((r) => r.seconds, 1)} |`,
      );
    }
    lines.push('');
    if (rums.length && baselines.length) {
      lines.push('| RUM kind vs baseline | NDCG@5 diff | n | W+ / W- | p | HR@5 diff | n | W+ / W- | p |', '|---|---|---|---|---|---|---|---|---|');
      for (const r of rums) {
        for (const b of baselines) {
          const cells: string[] = [];
          for (const key of ['ndcg', 'hr'] as const) {
            const a = perUserMean(runs.get(r)!, key);
            const c = perUserMean(runs.get(b)!, key);
            const ids = [...a.keys()].filter((u) => c.has(u));
            const x = ids.map((u) => a.get(u)!);
            const y = ids.map((u) => c.get(u)!);
            const t = wilcoxonSignedRank(x, y);
            const diff = ids.reduce((s, u) => s + a.get(u)! - c.get(u)!, 0) / Math.max(1, ids.length);
            cells.push(`${diff >= 0 ? '+' : ''}${(100 * diff).toFixed(2)}`, `${t.n}`, `${fmtP1(t.wPlus)} / ${fmtP1(t.wMinus)}`, fmtP(t.p));
          }
          lines.push(`| ${title(r)} vs ${title(b)} | ${cells.join(' | ')} |`);
        }
      }
      lines.push('');
    }
  }
  db.close();
  rmSync(dbPath, { force: true });
  const minutes = (performance.now() - started) / 60000;
  lines.splice(lines.indexOf('') + 1, 0, `This section took ${minutes.toFixed(1)} minutes here${only.length ? ` (re-measuring ${only.join(', ')} only; the other tables are an earlier run's)` : ''}.`, '');
  return lines.join('\n');
}

/** The dataset tables of the last written compare section, by their ### title, each ending in a blank line. */
function previousTables(): Map<string, string[]> {
  const file = join(ROOT, 'BENCHMARKS.md');
  const out = new Map<string, string[]>();
  if (!existsSync(file)) return out;
  const section = readFileSync(file, 'utf8').split(/\n(?=## )/).find((b) => b.startsWith('## Model comparison'));
  for (const block of section?.split(/\n(?=### )/).slice(1) ?? []) {
    const title = block.slice(4, block.indexOf('\n'));
    out.set(title, [...block.trimEnd().split('\n'), '']);
  }
  return out;
}

const fmtP1 = (w: number) => (Number.isInteger(w) ? String(w) : w.toFixed(1));
