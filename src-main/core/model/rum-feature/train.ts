// How feature-level RUM trains: each user's fitting part is one unrolled sequence (the memory is
// a recurrent state, kernel.ts), a few users' sequences make a batch, BCE against the purchase
// at each position and sampled negatives, then one Adam step. The epoch loop, validation and
// early stopping are the trainer's (core/train/trainer.ts).
//
// Reused rather than copied: the negatives come from the RUM family's ExampleSampler (uniform over
// items the user never bought in training, core/train/examples.ts), whose examples are laid out
// user by user, position by position, so one user's positions are a contiguous run of its
// example ids; the optimiser is item-level RUM's lazy SparseAdam, once over the user and item
// tables (rows a batch touches) and once over the shared tables' block with every row touched,
// which is dense Adam.
import type { Split } from '../../dataset/split';
import type { TrainConfig } from '../../train/config';
import { ExampleSampler } from '../../train/examples';
import { cloneWeights, type Training, type TrainingContext } from '../model';
import { createRumItemBatch, SparseAdam, type RowGradients } from '../rum-item/kernel';
import type { RumItemParams } from '../rum-item/params';
import { accumulate, createFeatureBatch, FeatureScratch, type FeatureBatch } from './kernel';
import { globalBlock, initRumFeatureParams } from './params';
import { featureWeights } from './weights';

/** Training for feature-level RUM on the effective settings `config`. */
export function startFeatureTraining(kind: string, split: Split, config: TrainConfig, context: TrainingContext): Training {
  const { fitEnd, rng } = context;
  const nUsers = split.sequences.length;
  const params = initRumFeatureParams(
    { dim: config.dim, slots: config.slots, alpha: config.alpha, beta: config.beta },
    nUsers,
    split.itemOf.length,
    rng,
    config.initScale,
  );
  const C = 1 + config.negatives;
  const sampler = new ExampleSampler(split, fitEnd, 0, config.negatives);
  // Example ids of user u: first[u] .. first[u] + fitEnd[u] (checked, not assumed).
  const first = new Int32Array(nUsers);
  let total = 0;
  for (let u = 0; u < nUsers; u++) {
    first[u] = total;
    total += fitEnd[u];
    if (fitEnd[u] > 0 && (sampler.exUser[first[u]] !== u || sampler.exPos[first[u]] !== 0)) throw new Error('ExampleSampler no longer lays examples out user by user');
  }
  const identity = Int32Array.from({ length: total }, (_, e) => e);
  const trained = Int32Array.from(
    split.sequences.map((_, u) => u).filter((u) => fitEnd[u] > 0),
  );
  // Whole sequences per batch: as many users as make about batchSize positions on average.
  const usersPerBatch = Math.max(1, Math.min(trained.length, Math.round(config.batchSize / Math.max(1, total / Math.max(1, trained.length)))));
  const longest = [...fitEnd].sort((a, b) => b - a);
  let maxPositions = 0;
  for (let j = 0; j < usersPerBatch && j < longest.length; j++) maxPositions += longest[j];
  const batch = createFeatureBatch(usersPerBatch, Math.max(1, maxPositions), C);
  const one = createRumItemBatch(Math.max(1, longest[0] ?? 1), 0, C);
  const scratch = new FeatureScratch(params, usersPerBatch, Math.max(1, maxPositions), C);

  // The user and item tables through the RUM family's optimiser (it reads only these fields).
  const tables: RumItemParams = { config: { ...params.config }, nUsers, nItems: params.nItems, user: params.user, item: params.item };
  const block = globalBlock(params)!;
  const D = params.config.dim;
  const globalTables: RumItemParams = { config: { ...params.config }, nUsers: block.length / D, nItems: 0, user: block, item: new Float32Array(0) };
  const allRows: RowGradients = { count: block.length / D, rows: Int32Array.from({ length: block.length / D }, (_, r) => r), grad: scratch.globalGrad };
  const noRows: RowGradients = { count: 0, rows: new Int32Array(0), grad: new Float64Array(0) };
  const adam = new SparseAdam(tables, { lr: config.lr });
  const adamGlobal = new SparseAdam(globalTables, { lr: config.lr });

  const fill = (b: FeatureBatch, users: Int32Array, from: number, to: number) => {
    b.sequences = 0;
    b.positions = 0;
    for (let j = from; j < to; j++) {
      const u = users[j];
      const T = fitEnd[u];
      const at = b.positions;
      sampler.fill(one, identity, first[u], first[u] + T, rng);
      b.users[b.sequences] = u;
      b.start[b.sequences] = at;
      b.length[b.sequences] = T;
      b.sequences++;
      b.written.set(split.sequences[u].items.subarray(0, T), at);
      b.candidates.set(one.candidates.subarray(0, T * C), at * C);
      b.labels.set(one.labels.subarray(0, T * C), at * C);
      b.positions += T;
    }
  };

  let order = new Int32Array(0);
  return {
    examples: total,
    batches: Math.ceil(trained.length / usersPerBatch),
    beginEpoch() {
      order = rng.shuffle(trained.slice());
    },
    trainBatch(b) {
      const from = b * usersPerBatch;
      fill(batch, order, from, Math.min(order.length, from + usersPerBatch));
      const loss = accumulate(params, batch, config.l2, scratch);
      adam.apply(tables, scratch.user, scratch.item);
      adamGlobal.apply(globalTables, allRows, noRows);
      return { lossSum: loss * batch.positions, examples: batch.positions };
    },
    endEpoch: () => 0,
    current: () => featureWeights(kind, params),
    snapshot: () => cloneWeights(featureWeights(kind, params)),
    close: () => undefined,
  };
}
