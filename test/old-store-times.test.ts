// Imports now refuse times outside 1970-2100, but a store written before that check may hold a
// time like 1e300 ms, which Date cannot represent (it used to crash explain, timeline and
// report with a RangeError). Such a store must still explain; the time shows as unknown.
import { describe, expect, it } from 'vitest';
import { explainUserStep, userTimeline } from '../src-main/engine/explain-service';
import { loadModel } from '../src-main/engine/loaded-model';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { trainJob } from '../src-main/jobs/train/train-job';
import { reportBytes } from '../src-main/report/write-report';
import { fileWith, tmpDb } from './helpers';

describe('a store with a time outside what Date can hold', () => {
  it('explains, draws the timeline and writes a report, with that time unknown', async () => {
    const rows = ['user,item,timestamp'];
    for (let u = 0; u < 12; u++) for (let k = 0; k < 12; k++) rows.push(`u${u},i${(u * 3 + k) % 15},${1_500_000_000 + k * 60}`);
    const { db } = tmpDb();
    const { datasetId } = await importDataset(db, { file: fileWith('log.csv', rows.join('\n') + '\n') });
    // As an old import would have stored it: u0's first purchase at 1e300 ms, kept first by seq.
    db.prepare('UPDATE events SET time_ms = 1e300 WHERE dataset_id = ? AND seq = 1').run(datasetId);
    const { model } = await trainJob(db, { datasetId, config: { model: 'rum-item', dim: 4, slots: 3, epochs: 1, threads: 1 } });
    const m = loadModel(db, model.modelId);

    const tl = userTimeline(m, 'u0');
    expect(tl.steps.some((s) => s.time === null)).toBe(true);
    const ex = explainUserStep(m, 'u0', { step: tl.steps.length - 1 });
    expect(ex.memory.length).toBeGreaterThan(0);
    const report = JSON.parse((await reportBytes(m, 'u0', 'json')).toString()) as unknown;
    expect(report).toBeTruthy();
  });
});
