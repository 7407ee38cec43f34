// SASRec learns: on a generated log with a planted sequential signal (core/dataset/synthetic-log.ts)
// a few epochs rank the held-out purchases far better than chance.
import { beforeAll, expect, it } from 'vitest';
import { initBackend } from '../../../engine/backend';
import { generateSequentialLog } from '../../dataset/synthetic-log';
import { timeOrderedSplit } from '../../dataset/split';
import { topN } from '../../eval/top-n';
import { Rng } from '../../random';
import { DEFAULT_CONFIG, type TrainConfig } from '../../train/config';
import { fitEnds } from '../../train/examples';
import { evaluateSplit, type RankFn } from '../../train/protocol';
import { sasrec } from './index';
import { MAX_LENGTH } from './params';

beforeAll(async () => {
  await initBackend();
});

it('ranks the test purchases of a generated sequential log at least twice as well as chance', () => {
  // A strong sequential share: SASRec's shared embeddings need data to learn item-to-successor
  // maps, and this log is tiny (on the default share 0.35 at this size 8 epochs reach only ~1.5x chance).
  const split = timeOrderedSplit(generateSequentialLog({ users: 400, items: 600, events: 8000, seed: 11, sequentialShare: 0.8 }));
  // 'rum-item' only because TrainConfig's model is typed from the catalogue, which does not list sasrec yet.
  const config: TrainConfig = { ...DEFAULT_CONFIG, model: 'rum-item', dim: 16, batchSize: 250 };
  const training = sasrec.startTraining!(split, config, { fitEnd: fitEnds(split, config.validationPercent), rng: new Rng(1) });
  const started = performance.now();
  const epochs = 6;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    training.beginEpoch(epoch);
    for (let b = 0; b < training.batches; b++) training.trainBatch(b);
  }
  const seconds = (performance.now() - started) / 1000;
  const trained = evaluateSplit(split, sasrec.rank(training.current()), 5, MAX_LENGTH, 'test').metrics;
  const rng = new Rng(2);
  const random: RankFn = (_users, _memories, excluded, n) =>
    excluded.map((ex) => {
      const mask = new Uint8Array(split.itemOf.length);
      for (const i of ex) mask[i] = 1;
      return topN(Float32Array.from(mask, () => rng.next()), n, mask);
    });
  const chance = evaluateSplit(split, random, 5, MAX_LENGTH, 'test').metrics;
  console.log(
    `sasrec, ${training.examples} examples x ${epochs} epochs in ${seconds.toFixed(1)} s (${((training.examples * epochs) / seconds).toFixed(0)} examples/s): ` +
      `HR@5 ${trained.hr.toFixed(3)} vs chance ${chance.hr.toFixed(3)}, NDCG@5 ${trained.ndcg.toFixed(4)} vs ${chance.ndcg.toFixed(4)}`,
  );
  expect(trained.hr).toBeGreaterThan(2 * chance.hr);
  expect(trained.ndcg).toBeGreaterThan(2 * chance.ndcg);
  training.close();
}, 60_000);
