import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices, type FileGate } from '../src-main/api/services';
import type { Result } from '../src-main/api/results';
import { InputError } from '../src-main/core/errors';
import { JobManager } from '../src-main/jobs/job-manager';
import { trainJob } from '../src-main/jobs/train/train-job';
import { importDemo } from './demo-model';
import { openDb } from '../src-main/store/db';

const noFiles: FileGate = {
  readSource: () => {
    throw new InputError('no files in this test');
  },
  reportTarget: () => {
    throw new InputError('no files in this test');
  },
};

describe('timeline ranks and the ranked user list (demo model)', async () => {
  // A store file that lasts the whole describe (tmpDb's goes after the first test): the ranks are
  // computed in a worker thread that opens the file itself, in every test.
  const dir = mkdtempSync(join(tmpdir(), 'rum-ranked-'));
  const path = join(dir, 'store.db');
  const db = openDb(path);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const datasetId = await importDemo(db);
  const { model } = await trainJob(db, { datasetId, config: { dim: 8, slots: 5, epochs: 3, patience: 3 } });
  const call = createServices({ db, jobs: new JobManager(), dbPath: path, files: noFiles, host: 'web' });
  const modelId = model.modelId;
  const n = model.config.n;

  it('gives every timeline step a rank and hit, and per-part metrics worked out from them', async () => {
    const { users } = (await call('listUsers', { modelId, limit: 3 })) as Result<'listUsers'>;
    const tl = (await call('timeline', { modelId, user: users[0].user })) as Result<'timeline'>;
    expect(tl.n).toBe(n);
    for (const s of tl.steps) {
      expect(Number.isInteger(s.rank) && s.rank! >= 1).toBe(true);
      expect(s.hit).toBe(s.rank! <= n);
    }
    const part = (p: string) => tl.steps.filter((s) => s.part === p).map((s) => s.rank!);
    const hand = (r: number[]) => ({
      hr: r.filter((x) => x <= n).length / r.length,
      ndcg: r.reduce((a, x) => a + (x <= n ? 1 / Math.log2(x + 1) : 0), 0) / r.length,
    });
    expect(tl.metrics!.train.hr).toBeCloseTo(hand(part('train')).hr, 14);
    expect(tl.metrics!.train.ndcg).toBeCloseTo(hand(part('train')).ndcg, 14);
    expect(tl.metrics!.test.hr).toBeCloseTo(hand(part('test')).hr, 14);
    expect(tl.metrics!.test.ndcg).toBeCloseTo(hand(part('test')).ndcg, 14);
    // Explain's rank of the bought item agrees where it is in the top N.
    const hit = tl.steps.find((s) => s.hit)!;
    const ex = (await call('explainStep', { modelId, user: tl.user, step: hit.step, top: n })) as Result<'explainStep'>;
    expect(ex.recommendations.find((r) => r.item === hit.item)?.rank).toBe(hit.rank);
    // Without ranks: the same steps, no rank keys.
    const quick = (await call('timeline', { modelId, user: tl.user, ranks: false })) as Result<'timeline'>;
    expect(quick.steps).toHaveLength(tl.steps.length);
    expect(quick.steps[0].rank).toBeUndefined();
    expect(quick.metrics).toBeUndefined();
  });

  it('sorts and filters users by length', async () => {
    const all = (await call('listUsers', { modelId, limit: 5000 })) as Result<'listUsers'>;
    const byLen = (await call('listUsers', { modelId, limit: 5000, sort: 'events', minEvents: 15, maxEvents: 30 })) as Result<'listUsers'>;
    expect(byLen.total).toBe(all.users.filter((u) => u.events >= 15 && u.events <= 30).length);
    expect(byLen.total).toBeLessThan(all.total);
    expect(byLen.users.every((u, k) => u.events >= 15 && u.events <= 30 && (k === 0 || byLen.users[k - 1].events >= u.events))).toBe(true);
    expect(byLen.ranked).toBeUndefined();
  });

  it('sorts by test hit rate and misses, with figures equal to the timeline ranks', async () => {
    const byHr = (await call('listUsers', { modelId, limit: 5000, sort: 'hitRate' })) as Result<'listUsers'>;
    expect(byHr.ranked?.n).toBe(n);
    expect(byHr.users.every((u, k) => k === 0 || byHr.users[k - 1].test!.hr >= u.test!.hr)).toBe(true);
    expect(byHr.users[0].test!.hr).toBeGreaterThan(byHr.users.at(-1)!.test!.hr);
    // The figures of three users against their timelines' test steps.
    for (const u of [byHr.users[0], byHr.users[7], byHr.users.at(-1)!]) {
      const tl = (await call('timeline', { modelId, user: u.user })) as Result<'timeline'>;
      const test = tl.steps.filter((s) => s.part === 'test');
      expect(u.test!.steps).toBe(test.length);
      expect(u.test!.misses).toBe(test.filter((s) => !s.hit).length);
      expect(u.test!.hr).toBeCloseTo(tl.metrics!.test.hr, 14);
    }
    const misses = (await call('listUsers', { modelId, limit: 5000, sort: 'misses', onlyMisses: true })) as Result<'listUsers'>;
    expect(misses.total).toBe(byHr.users.filter((u) => u.test!.misses > 0).length);
    expect(misses.users.every((u, k) => u.test!.misses > 0 && (k === 0 || misses.users[k - 1].test!.misses >= u.test!.misses))).toBe(true);
    // Kept per model: the second ranked call costs nothing more.
    expect(misses.ranked!.ms).toBe(0);
  });
});
