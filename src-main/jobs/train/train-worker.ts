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
    const w = output.arrays.weights;
    const buffers = [output.arrays.itemOf.buffer, output.arrays.userOf.buffer];
    if (w.kind === 'pop') buffers.push(w.counts.buffer);
    else buffers.push(w.params.item.buffer, w.params.user.buffer);
    parentPort!.postMessage({ type: 'done', output }, buffers as ArrayBuffer[]);
  },
  (e: Error) => parentPort!.postMessage({ type: 'error', name: e.name, message: e.message, stack: e.stack }),
);
