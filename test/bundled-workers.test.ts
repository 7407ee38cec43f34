// The import, report and ranks workers as the bundled CLI starts them (dist/cli/<version>/*.cjs, built
// by the global setup from these sources): the bundle must carry them and they must run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RanksWork, RanksWorkResult } from '../src-main/api/ranks-worker';
import type { InfluencesWork } from '../src-main/api/influences-worker';
import { modelInfluences, type InfluencesJson } from '../src-main/engine/influences';
import type { ReportWork, ReportWorkResult } from '../src-main/api/report-worker';
import { loadModel } from '../src-main/engine/loaded-model';
import { testFiguresNow, userStepRanks } from '../src-main/engine/user-ranks';
import type { ImportWork } from '../src-main/jobs/import/import-worker';
import type { ImportResult } from '../src-main/jobs/import/import-dataset';
import { trainJob } from '../src-main/jobs/train/train-job';
import { runWorker } from '../src-main/jobs/work/run-worker';
import { fileWith, REPO, tmpDb, tmpDir } from './helpers';

const bundle = () => {
  const { version } = JSON.parse(readFileSync(join(REPO, 'dist', 'cli', 'stamp.json'), 'utf8')) as { version: string };
  return join(REPO, 'dist', 'cli', version);
};

describe('the bundled import and report workers', () => {
  it('import a log and write a report from the CLI bundle', async () => {
    const { db, path } = tmpDb();
    const rows = ['user,item,time'];
    for (let u = 0; u < 20; u++) for (let k = 0; k < 12; k++) rows.push(`u${u},i${(u + k * 3) % 15},${1_600_000_000 + u * 1000 + k * 86_400}`);
    const importWork: ImportWork = { dbFile: path, maxPageCount: db.pragma('max_page_count', { simple: true }) as number, options: { file: fileWith('log.csv', rows.join('\n')) } };
    const phases = new Set<string>();
    const imported = await runWorker<ImportResult, { phase: string }>(join(bundle(), 'import-worker.cjs'), importWork, { what: 'import', onProgress: (p) => phases.add(p.phase) });
    expect(imported).toMatchObject({ users: 20, items: 15, events: 240, alreadyImported: false });
    expect([...phases]).toEqual(['checking', 'reading', 'saving']);

    const { model } = await trainJob(db, { datasetId: imported.datasetId, config: { slots: 3, dim: 4, epochs: 1 } });
    const out = join(tmpDir(), 'r.json');
    const reportWork: ReportWork = { dbFile: path, modelId: model.modelId, user: 'u0', format: 'json', out };
    const written = await runWorker<ReportWorkResult>(join(bundle(), 'report-worker.cjs'), reportWork, { what: 'report' });
    const report = JSON.parse(readFileSync(out, 'utf8')) as { user: string; steps: unknown[] };
    expect(written).toEqual({ bytes: readFileSync(out).length });
    expect(report.user).toBe('u0');
    expect(report.steps).toHaveLength(13);

    // The ranks worker gives what ranking here gives, for one user's steps and every test part.
    const here = loadModel(db, model.modelId);
    const ranksWork: RanksWork = { dbFile: path, modelId: model.modelId, user: 'u3' };
    const ranked = await runWorker<RanksWorkResult>(join(bundle(), 'ranks-worker.cjs'), ranksWork, { what: 'ranking' });
    expect(ranked).toEqual({ ranks: userStepRanks(here, here.modelUserOf('u3')) });
    const figures = await runWorker<RanksWorkResult>(join(bundle(), 'ranks-worker.cjs'), { dbFile: path, modelId: model.modelId }, { what: 'ranking' });
    expect(figures).toEqual({ figures: testFiguresNow(here) });

    // The influence-map worker gives the map the engine gives here.
    const influencesWork: InfluencesWork = { dbFile: path, modelId: model.modelId, by: 'shapley', part: 'train', top: 10 };
    const map = await runWorker<InfluencesJson>(join(bundle(), 'influences-worker.cjs'), influencesWork, { what: 'influence map' });
    expect(map.pairs).toEqual(modelInfluences(here, { top: 10 }).pairs);
  });
});
