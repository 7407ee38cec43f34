// The epoch helper: a second training thread. It trains the slices of each epoch the training
// worker posts, on the parameter tables and Adam moments both threads share, with its own
// sampler, scratch, optimiser object and random stream. Messages: in SliceCommand*; results
// go back through shared memory (epoch-helper-protocol.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { createRumItemBatch, RumItemScratch, SparseAdam, trainBatch } from '../../core/model/rum-item/kernel';
import { Rng } from '../../core/random';
import { lossOf } from '../../core/train/config';
import { ExampleSampler } from '../../core/train/examples';
import { channelOf, DONE, READY, STOP, writeFailure, type HelperData, type SliceCommand } from './epoch-helper-protocol';

const data = workerData as HelperData;
const channel = channelOf(data);
const { control, loss } = channel;

try {
  const { split, fitEnd, config, params, moments, adamSteps } = data.shared;
  const sampler = new ExampleSampler(split, fitEnd, config.slots, config.negatives);
  const C = 1 + config.negatives;
  const batchSize = Math.min(config.batchSize, Math.max(1, sampler.size));
  const batch = createRumItemBatch(batchSize, config.slots, C);
  const scratch = new RumItemScratch(params, batchSize, C, lossOf(config.model));
  const optimiser = new SparseAdam(params, { lr: config.lr, moments, steps: adamSteps });

  parentPort!.on('message', ({ epoch, examples }: SliceCommand) => {
    try {
      // Seeded from (seed, epoch) rather than carried over, so a slice's negatives do not
      // depend on how many the helper happened to draw before.
      const rng = new Rng((Math.imul(config.seed + 1, 0x9e3779b1) ^ epoch) >>> 0);
      let lossSum = 0;
      for (let from = 0; from < examples.length && Atomics.load(control, STOP) === 0; from += batchSize) {
        const to = Math.min(examples.length, from + batchSize);
        sampler.fill(batch, examples, from, to, rng);
        lossSum += trainBatch(params, batch, optimiser, config.l2, scratch) * (to - from);
      }
      loss[0] = lossSum;
      // The atomic add publishes loss[0] and the table writes before the trainer reads them.
      Atomics.add(control, DONE, 1);
      Atomics.notify(control, DONE);
    } catch (e) {
      writeFailure(channel, String((e as Error)?.stack ?? e));
    }
  });
  Atomics.store(control, READY, 1);
} catch (e) {
  writeFailure(channel, String((e as Error)?.stack ?? e));
}
