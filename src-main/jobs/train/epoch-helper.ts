import { Worker } from 'node:worker_threads';
import type { EpochHelper, SharedTraining } from '../../core/train/trainer';
import { workerEntry } from '../worker-entry';
import { channelOf, DONE, FAILED, newHelperData, READY, readFailure, STOP, writeFailure, type SliceCommand } from './epoch-helper-protocol';

// Generous: starting a worker from the TypeScript sources compiles its imports first, and the
// machine may be busy. Only a helper that never starts at all hits it.
const START_LIMIT_MS = 60_000;
// How often a waiting trainer looks at the cancel hook; finishing wakes it at once regardless.
const POLL_MS = 50;

/**
 * Starts the second training thread (trainModel's epochHelper hook). It may be called from a
 * thread that then blocks: wait() reads only shared memory, never this thread's event loop.
 */
export function startEpochHelper(shared: SharedTraining, isCancelled: () => boolean = () => false): EpochHelper {
  const data = newHelperData(shared);
  const channel = channelOf(data);
  const { control } = channel;
  const worker = new Worker(workerEntry(import.meta.url, 'epoch-helper-worker'), { workerData: data });
  // Reported through shared memory as well, when this thread's loop next turns; the listener
  // keeps an unhandled 'error' event from taking the training worker down with it.
  worker.on('error', (e) => writeFailure(channel, String(e?.stack ?? e)));
  worker.unref();
  let started = 0;
  let closed = false;
  return {
    start(epoch, order, from, to) {
      if (closed) throw new Error('the epoch helper was closed');
      started++;
      const examples = order.slice(from, to);
      const command: SliceCommand = { epoch, examples };
      worker.postMessage(command, [examples.buffer as ArrayBuffer]);
    },
    wait() {
      const since = performance.now();
      for (;;) {
        const done = Atomics.load(control, DONE);
        if (Atomics.load(control, FAILED) === 1) throw new Error(`training helper thread failed: ${readFailure(channel)}`);
        if (done >= started) return { lossSum: channel.loss[0] };
        if (isCancelled()) Atomics.store(control, STOP, 1);
        if (Atomics.load(control, READY) === 0 && performance.now() - since > START_LIMIT_MS) {
          throw new Error(`training helper thread did not start within ${START_LIMIT_MS / 1000} s`);
        }
        Atomics.wait(control, DONE, done, POLL_MS);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      Atomics.store(control, STOP, 1);
      void worker.terminate();
    },
  };
}
