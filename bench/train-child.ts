// One training benchmark at one data size, in its own process so its peak RSS is its own.
// Prints one JSON object. Usage: node --import tsx bench/train-child.ts SCALE
import * as tf from '@tensorflow/tfjs';
import { benchLog } from './bench-log';
import { timeOrderedSplit } from '../src-main/core/dataset/split';
import { initRumItemParams } from '../src-main/core/model/rum-item/params';
import { createRumItemBatch, RumItemScratch, SparseAdam, trainBatch, type RumItemBatch } from '../src-main/core/model/rum-item/kernel';
import { createWasmTables, WasmAdam, WasmRumKernel } from '../src-main/core/model/rum-item/kernel-wasm';
import { lossAndGradientsTf } from '../src-main/core/model/rum-item/tf';
import { Rng } from '../src-main/core/random';
import { DEFAULT_CONFIG } from '../src-main/core/train/config';
import { ExampleSampler, fitEnds } from '../src-main/core/train/examples';
import { evaluateSplit } from '../src-main/core/train/protocol';
import { shareParams, sharedMoments } from '../src-main/core/model/rum-item/train';
import { rumWeights } from '../src-main/core/model/rum-item/weights';
import { initBackend } from '../src-main/engine/backend';
import { startEpochHelper } from '../src-main/jobs/train/epoch-helper';
import { rankerFor } from '../src-main/engine/ranker';
import { rankAllUsersTf } from '../src-main/core/model/rum-item/rank';
import { PRUNED_BATCH_USERS, rankAllUsersPruned, type PruneStats } from '../src-main/core/model/rum-item/rank-pruned';

const scale = Number(process.argv[2] ?? 1);
const DIM = 32;
const K = 20;
const BATCH = 512;

const t0 = performance.now();
const log = benchLog(scale);
const split = timeOrderedSplit(log);
const genSeconds = (performance.now() - t0) / 1000;

const rng = new Rng(1);
const params = initRumItemParams({ dim: DIM, slots: K, alpha: 0.2, beta: 1 }, split.sequences.length, split.itemOf.length, rng);
const fitEnd = fitEnds(split, 10);
const sampler = new ExampleSampler(split, fitEnd, K, 1);
const batch = createRumItemBatch(BATCH, K, 2);
const optimiser = new SparseAdam(params, { lr: 0.005 });
const order = sampler.order(rng);
const batches = Math.ceil(sampler.size / BATCH);

/** Examples per second through `step`, over `limit` batches (sampling into `into` included, as in training). */
function measure(step: () => number, limit: number, into: RumItemBatch = batch): { examplesPerSecond: number; batches: number } {
  const n = Math.min(limit, batches);
  let examples = 0;
  const start = performance.now();
  for (let b = 0; b < n; b++) {
    const from = b * BATCH;
    const to = Math.min(sampler.size, from + BATCH);
    sampler.fill(into, order, from, to, rng);
    step();
    examples += to - from;
  }
  return { examplesPerSecond: examples / ((performance.now() - start) / 1000), batches: n };
}

const scratch = new RumItemScratch(params, BATCH, 2);
measure(() => trainBatch(params, batch, optimiser, 1e-4, scratch), 20); // warm-up: let V8 optimise
const kernel = measure(() => trainBatch(params, batch, optimiser, 1e-4, scratch), batches);
const twoThreads = measureTwoThreads('kernel');
// The WebAssembly kernel (gradients = 'wasm'): its tables in its own memory, a copy of the JS
// kernel's after the epoch above; the sampler fills the kernel's own batch, as in training.
const wasmTables = createWasmTables(params, { threads: 1, maxBatch: BATCH, maxCandidates: 2 });
const wasmKernel = new WasmRumKernel(wasmTables.handle, 0, params.config, 'bce');
const wasmBatch = wasmKernel.ownBatch(2);
const wasmAdam = new WasmAdam({ lr: 0.005 });
measure(() => wasmKernel.trainBatch(wasmBatch, wasmAdam, 1e-4), 20, wasmBatch);
const wasm = measure(() => wasmKernel.trainBatch(wasmBatch, wasmAdam, 1e-4), batches, wasmBatch);
const wasmTwoThreads = measureTwoThreads('wasm');
/**
 * One epoch as trainModel runs it with threads = 2: a helper thread trains the first half of the
 * order while this one trains the second, on shared tables. The helper's start-up and warm-up
 * are left out, as the 1-thread figure leaves out V8's.
 */
function measureTwoThreads(gradients: 'kernel' | 'wasm'): { examplesPerSecond: number; batches: number } {
  const config = { ...DEFAULT_CONFIG, dim: DIM, slots: K, lr: 0.005, l2: 1e-4, batchSize: BATCH, threads: 2, gradients };
  let shared;
  let step: () => void;
  let into = batch;
  if (gradients === 'wasm') {
    const tables = createWasmTables(params, { threads: 2, maxBatch: BATCH, maxCandidates: 2 });
    shared = { split, fitEnd, config, params: tables.params, moments: tables.moments, adamSteps: new Int32Array(new SharedArrayBuffer(4)) };
    const own = new WasmRumKernel(tables.handle, 0, params.config, 'bce');
    const adam = new WasmAdam({ lr: 0.005, steps: shared.adamSteps });
    into = own.ownBatch(2);
    step = () => own.trainBatch(into, adam, 1e-4);
  } else {
    shared = { split, fitEnd, config, params: shareParams(params), moments: sharedMoments(params), adamSteps: new Int32Array(new SharedArrayBuffer(4)) };
    const s = shared;
    const own = new SparseAdam(s.params, { lr: 0.005, moments: s.moments, steps: s.adamSteps });
    step = () => trainBatch(s.params, batch, own, 1e-4, scratch);
  }
  const helper = startEpochHelper(shared);
  try {
    const half = (from: number, to: number) => {
      for (let b = from; b < to; b += BATCH) {
        sampler.fill(into, order, b, Math.min(to, b + BATCH), rng);
        step();
      }
    };
    helper.start(0, order, 0, 20 * BATCH);
    half(20 * BATCH, 40 * BATCH);
    helper.wait();
    const mid = Math.floor(sampler.size / 2);
    const start = performance.now();
    helper.start(1, order, 0, mid);
    half(mid, sampler.size);
    helper.wait();
    return { examplesPerSecond: sampler.size / ((performance.now() - start) / 1000), batches };
  } finally {
    helper.close();
  }
}

const tfStep = () => {
  const { loss, grads } = lossAndGradientsTf(params, batch, 1e-4);
  optimiser.apply(params, grads.user, grads.item);
  return loss;
};
const choice = await initBackend();
measure(tfStep, 3);
const tfWasm = choice.backend === 'wasm' || choice.backend === 'tensorflow' ? measure(tfStep, 40) : undefined;
await tf.setBackend('cpu');
measure(tfStep, 2);
const tfCpu = measure(tfStep, 10);
await tf.setBackend(choice.backend);

// The model as evaluated: after the epochs measured above (about two). The ranker is the app's
// (pruned by bound, rank-pruned.ts); the dense ranking of every item is timed beside it, and the
// pruning's own figures (items scored in full per user, users it ranked densely) come from a third
// pass with its counters on.
const evalStart = performance.now();
const ev = evaluateSplit(split, rankerFor(rumWeights('rum-item', params)), 5, K, 'test');
const evalSeconds = (performance.now() - evalStart) / 1000;
const prune: PruneStats = { users: 0, scored: 0, dense: 0 };
evaluateSplit(split, (u, m, x, n) => rankAllUsersPruned(params, u, m, x, n, PRUNED_BATCH_USERS, prune), 5, K, 'test');
const denseStart = performance.now();
evaluateSplit(split, (u, m, x, n) => rankAllUsersTf(params, u, m, x, n), 5, K, 'test');
const denseEvalSeconds = (performance.now() - denseStart) / 1000;

process.stdout.write(
  JSON.stringify({
    scale,
    users: split.sequences.length,
    items: split.itemOf.length,
    events: split.events,
    trainingExamples: sampler.size,
    genSeconds,
    backend: choice.backend,
    tried: choice.tried,
    kernel,
    twoThreads,
    wasm,
    wasmTwoThreads,
    tfWasm,
    tfCpu,
    evalSeconds,
    evalUsers: ev.users,
    denseEvalSeconds,
    scoredPerUser: prune.scored / Math.max(1, prune.users),
    denseUsers: prune.dense,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
