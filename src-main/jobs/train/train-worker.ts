// The training worker: trains off the calling thread so the UI and the CLI's progress stay
// live. Messages: in {input, cancelFlag}; out progress* then done | error.
import { parentPort, workerData } from 'node:worker_threads';
import { runTrainTask, type TrainTaskInput } from './train-task';

const { input, cancelFlag } = workerData as { input: TrainTaskInput; cancelFlag: SharedArrayBuffer };
// Training is one synchronous loop, so a cancel message could not be read until it ended;
// the parent flips this shared flag instead, and the loop polls it between batches.
const cancelled = new Int32Array(cancelFlag);

runTrainTask(input, {
  onProgress: (progress) => parentPort!.postMessage({ type: 'progress', progress }),
  isCancelled: () => Atomics.load(cancelled, 0) === 1,
}).then(
  (output) => {
    const { weights, itemOf, userOf } = output.arrays;
    const arrays = [itemOf, userOf, ...Object.values(weights.tensors).map((t) => t.data)];
    // Moved, not copied. A buffer may back two views, and shared memory cannot be transferred.
    const buffers = new Set(arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer));
    parentPort!.postMessage({ type: 'done', output }, [...buffers]);
  },
  (e: Error) => parentPort!.postMessage({ type: 'error', name: e.name, message: e.message, stack: e.stack }),
);
