// The epoch helper: a second training thread. It trains the slices of each epoch the training
// worker posts, on the parameter tables and Adam moments both threads share, with its own
// sampler, scratch, optimiser object and random stream. Messages: in SliceCommand*; results
// go back through shared memory (epoch-helper-protocol.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { modelSpec } from '../../core/model/registry';
import { Rng } from '../../core/random';
import { channelOf, DONE, READY, STOP, writeFailure, type HelperData, type SliceCommand } from './epoch-helper-protocol';

const data = workerData as HelperData;
const channel = channelOf(data);
const { control, loss } = channel;

try {
  const { config } = data.shared;
  const spec = modelSpec(config.model);
  if (!spec.helperSlices) throw new Error(`${spec.title} has no second training thread: train it with threads = 1`);
  const trainSlice = spec.helperSlices(data.shared);
  const stopped = () => Atomics.load(control, STOP) !== 0;

  parentPort!.on('message', ({ epoch, examples }: SliceCommand) => {
    try {
      // Seeded from (seed, epoch) rather than carried over, so a slice's negatives do not
      // depend on how many the helper happened to draw before.
      const rng = new Rng((Math.imul(config.seed + 1, 0x9e3779b1) ^ epoch) >>> 0);
      const lossSum = trainSlice(examples, rng, stopped);
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
