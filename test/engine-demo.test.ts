import { beforeAll, describe, expect, it } from 'vitest';
import { logitWithAttention } from '../src-main/core/model/rum-item/kernel';
import { rumParams } from '../src-main/core/model/rum-item/weights';
import { memoryAt } from '../src-main/core/train/examples';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { trainJob } from '../src-main/jobs/train/train-job';
import type { Db } from '../src-main/store/db';
import { demoTruth, importDemo } from './demo-model';
import { tmpDb } from './helpers';

const SLOTS = 5;

/** For each planted purchase: which memory slot the bought item attends to most. */
function attentionOnPlanted(model: LoadedModel) {
  const w = model.arrays.weights;
  const params = rumParams(w);
  const K = params.config.slots;
  let onTrigger = 0;
  const byDistance = new Map<number, number>(); // argmax slot's distance back from the step, when not the trigger
  let total = 0;
  for (const p of demoTruth().planted) {
    const u = model.modelUserOf(p.user);
    if (u < 0) continue;
    const items = model.split.sequences[u].items;
    const memory = memoryAt(items, p.step, K);
    const start = p.step - memory.length;
    if (p.triggerStep < start) continue; // trigger already out of the memory
    expect(model.itemIds[items[p.step]]).toBe(p.item);
    const attention = Array.from(logitWithAttention(params, u, memory, items[p.step]).attention);
    const top = attention.indexOf(Math.max(...attention));
    total++;
    if (start + top === p.triggerStep) onTrigger++;
    else byDistance.set(p.step - (start + top), (byDistance.get(p.step - (start + top)) ?? 0) + 1);
  }
  return { rate: onTrigger / total, total, bestOther: Math.max(0, ...byDistance.values()) / total };
}

describe('the engine on the demo dataset (planted patterns)', () => {
  let db: Db;
  let datasetId: number;
  const hr: Record<string, number> = {};
  let rum: LoadedModel;

  beforeAll(async () => {
    db = tmpDb().db;
    datasetId = await importDemo(db);
    for (const model of ['pop', 'bpr', 'rum-item'] as const) {
      const { model: rec } = await trainJob(db, { datasetId, config: { model, slots: SLOTS, seed: 1 } });
      hr[model] = (rec.metrics as { test: { metrics: { hr: number } } }).test.metrics.hr;
      if (model === 'rum-item') rum = loadModel(db, rec.modelId);
    }
  });

  it('RUM beats MostPopular and BPR-MF on HR@5', () => {
    expect(hr['rum-item']).toBeGreaterThan(hr.pop);
    expect(hr['rum-item']).toBeGreaterThan(hr.bpr);
  });

  it('puts the largest attention on the planted trigger more often than on any other slot', () => {
    const { rate, total, bestOther } = attentionOnPlanted(rum);
    console.log(`planted trigger gets the top attention in ${(100 * rate).toFixed(1)} % of ${total} planted purchases (next best slot: ${(100 * bestOther).toFixed(1)} %)`);
    expect(total).toBeGreaterThan(500);
    expect(rate).toBeGreaterThan(bestOther);
    expect(rate).toBeGreaterThan(0.9);
  });
});
