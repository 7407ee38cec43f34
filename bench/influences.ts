// The map of influences (issue 14 item 3): how long it takes on the demo and on the generated
// Baby-shaped log, by exact Shapley value and by attention, at the paper's K = 20. The engine's
// time (engine/influences.ts, on this thread) and, for the demo, the services' job as the app
// and the CLI run it (a worker thread that loads the model on its own connection, then maps).
// Models are trained with an epoch cap: the map's cost depends on K, D, the catalogue and the
// steps, not on how well the weights fit.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { runJob } from '../src-main/api/await-job';
import { createServices } from '../src-main/api/services';
import { InputError } from '../src-main/core/errors';
import { BABY_SHAPE, generateSequentialLog, interactionsToCsv } from '../src-main/core/dataset/synthetic-log';
import type { InfluenceBy } from '../src-main/core/explain/influences';
import { INFLUENCE_BUDGET_MS, modelInfluences, type InfluencesJson } from '../src-main/engine/influences';
import { loadModel } from '../src-main/engine/loaded-model';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { JobManager } from '../src-main/jobs/job-manager';
import { trainJob } from '../src-main/jobs/train/train-job';
import { openDb } from '../src-main/store/db';

const ROOT = resolve(import.meta.dirname, '..');
const DEMO = join(ROOT, 'resources', 'demo');

const refuse = () => {
  throw new InputError('the bench names no files');
};

function row(data: string, by: InfluenceBy, how: string, m: InfluencesJson, seconds: number): string {
  const sample = m.sampled ? `${m.users} of ${m.eligibleUsers} (seed ${m.seed})` : `all ${m.users}`;
  return `| ${data} | ${by} | ${how} | ${sample} | ${m.steps.toLocaleString('en-US')} | ${m.totalPairs.toLocaleString('en-US')} | ${seconds.toFixed(2)} s | ${((1000 * seconds) / Math.max(1, m.steps)).toFixed(3)} ms |`;
}

export async function benchInfluences(tmp: string): Promise<string> {
  const dir = join(tmp, 'influences');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, 'store.db');
  const db = openDb(dbPath);
  const rows: string[] = [];
  try {
    const baby = join(dir, 'baby-shaped.csv');
    writeFileSync(baby, interactionsToCsv(generateSequentialLog({ ...BABY_SHAPE, seed: 2018 })));
    const sets = [
      { key: 'demo', name: 'demo (400 users, 134 items)', file: join(DEMO, 'purchases.csv'), items: join(DEMO, 'items.csv'), epochs: 20 },
      { key: 'baby', name: `Baby-shaped (${BABY_SHAPE.users} users, ${BABY_SHAPE.items.toLocaleString('en-US')} items)`, file: baby, items: undefined, epochs: 3 },
    ];
    const jobs = new JobManager();
    const dispatch = createServices({ db, jobs, dbPath, files: { readSource: refuse, reportTarget: refuse }, host: 'cli' });
    for (const d of sets) {
      const { datasetId } = await importDataset(db, { file: d.file, itemsFile: d.items });
      const { model: rec } = await trainJob(db, { datasetId, config: { slots: 20, epochs: d.epochs, seed: 1 } });
      const model = loadModel(db, rec.modelId);
      for (const by of ['shapley', 'attention'] as const) {
        const started = performance.now();
        const m = modelInfluences(model, { by });
        const line = row(d.name, by, 'engine', m, (performance.now() - started) / 1000);
        console.error(line);
        rows.push(line);
      }
      if (d.key === 'demo') {
        // As the app and the CLI ask: a job, the model loaded and mapped in a worker thread.
        const started = performance.now();
        const m = await runJob({ dispatch, onEvent: (l) => jobs.onEvent(l) }, 'influenceMap', { modelId: rec.modelId });
        const line = row(d.name, 'shapley', 'job (worker)', m, (performance.now() - started) / 1000);
        console.error(line);
        rows.push(line);
      }
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return `## Influence map

\`rum-workbench influences\` (the services' \`influenceMap\` job): every purchase of the training part with a purchase
before it is explained for the item bought (item-level RUM, D 32, **K 20**, trained with an epoch cap), and each memory
slot's exact Shapley value or attention is summed per (earlier item, later item) pair. Without \`--users\`, all users are
mapped when the cost model's estimate fits ${INFLUENCE_BUDGET_MS / 1000} s, else a seeded uniform sample of users that does
(engine/influences.ts): the demo is mapped whole, the Baby-shaped log sampled. 'engine' is the map alone on this thread;
'job (worker)' adds starting the worker and loading the model there, as the app and the CLI run it.
Load average while measured: ${loadavg()[0].toFixed(1)}.

| data | by | how | users | steps | pairs | time | per step |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}
