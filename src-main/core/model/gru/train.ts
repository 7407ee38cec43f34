// How the GRU trains: each batch is a group of users; every user's fitting part (fitEnd) is run
// through the GRU once, each position t >= 1 is a BPR example (the state after purchases
// 0..t-1 against purchase t and sampled negatives), and the gradients flow back through the whole
// sequence (full BPTT, no truncation: the backward pass costs what the forward does, so cutting
// the history would save no time per example). One Adam step per batch. The epoch loop,
// validation and early stopping are the trainer's (core/train/trainer.ts).
//
// Reused rather than copied: negatives come from the project's ExampleSampler (uniform over items
// the user never bought in training, as BPR-MF samples them), randomness from the run's Rng, and
// the optimiser is rum-item's SparseAdam: its "user" table is the GRU's gate table (6D + 3 rows
// of width D, all touched every step, so its lazy Adam is plain Adam there) and its "item" table
// the item embeddings (lazy: only the rows a batch touched).
import type { Split } from '../../dataset/split';
import type { TrainConfig } from '../../train/config';
import { ExampleSampler } from '../../train/examples';
import { cloneWeights, type Training, type TrainingContext } from '../model';
import { createRumItemBatch, SparseAdam, type RowGradients, type RumItemBatch } from '../rum-item/kernel';
import type { RumItemParams } from '../rum-item/params';
import { accumulateBatch, GruScratch, type GruBatch } from './kernel';
import { gateLayout, initGruParams, type GruParams } from './params';
import { gruWeights } from './weights';

/** Users per batch so that a batch holds about batchSize examples (positions) on average. */
export function usersPerBatch(batchSize: number, examples: number, users: number): number {
  if (users === 0) return 1;
  return Math.max(1, Math.round(batchSize / Math.max(1, examples / users)));
}

export function startGruTraining(split: Split, config: TrainConfig, context: TrainingContext): Training {
  const { fitEnd, rng } = context;
  const nItems = split.itemOf.length;
  const D = config.dim;
  const params: GruParams = initGruParams(D, nItems, rng, config.initScale);
  const C = 1 + config.negatives;
  const sampler = new ExampleSampler(split, fitEnd, 0, config.negatives);
  // Example ids of ExampleSampler: user u's positions 0..fitEnd[u]-1 from start[u] on.
  const start = new Int32Array(fitEnd.length);
  for (let u = 1; u < fitEnd.length; u++) start[u] = start[u - 1] + fitEnd[u - 1];
  const trained = Int32Array.from(fitEnd.keys()).filter((u) => fitEnd[u] >= 2);
  let examples = 0;
  for (const u of trained) examples += fitEnd[u] - 1;
  const perBatch = usersPerBatch(config.batchSize, examples, trained.length);
  const scratch = new GruScratch(params);
  const layout = gateLayout(D);
  const gateRows: RowGradients = { count: layout.rows, rows: Int32Array.from({ length: layout.rows }, (_, k) => k), grad: scratch.gateGrad };
  const adamTables: RumItemParams = {
    config: { dim: D, slots: 0, alpha: 0, beta: 0 },
    nUsers: layout.rows,
    nItems,
    user: params.gates,
    item: params.item,
  };
  const optimiser = new SparseAdam(adamTables, { lr: config.lr });

  let order = trained;
  let exOrder = new Int32Array(0);
  let negatives: RumItemBatch = createRumItemBatch(0, 0, C);
  const batch: GruBatch = { count: 0, sequences: [], lengths: new Int32Array(perBatch), candidates: negatives.candidates, candidatesPerExample: C };

  return {
    examples,
    batches: Math.ceil(trained.length / perBatch),
    beginEpoch() {
      order = rng.shuffle(trained.slice());
    },
    trainBatch(b) {
      const users = order.subarray(b * perBatch, Math.min(order.length, (b + 1) * perBatch));
      let E = 0;
      for (const u of users) E += fitEnd[u] - 1;
      if (exOrder.length < E) exOrder = new Int32Array(Math.max(E, 2 * exOrder.length));
      if (negatives.users.length < E) negatives = createRumItemBatch(Math.max(E, 2 * negatives.users.length), 0, C);
      let k = 0;
      batch.count = users.length;
      batch.sequences.length = users.length;
      users.forEach((u, j) => {
        batch.sequences[j] = split.sequences[u].items;
        batch.lengths[j] = fitEnd[u];
        for (let t = 1; t < fitEnd[u]; t++) exOrder[k++] = start[u] + t;
      });
      sampler.fill(negatives, exOrder, 0, E, rng);
      batch.candidates = negatives.candidates;
      const loss = accumulateBatch(params, batch, config.l2, scratch);
      optimiser.apply(adamTables, gateRows, scratch.item);
      return { lossSum: loss * E, examples: E };
    },
    endEpoch: () => 0,
    current: () => gruWeights(params),
    snapshot: () => cloneWeights(gruWeights(params)),
    close: () => undefined,
  };
}
