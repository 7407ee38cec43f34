// Throughput of the fused item-level RUM training step (forward, backward, lazy Adam), D = 32,
// K = 20, one negative, batch 512: the JS kernel (rum-item/kernel.ts) and the WebAssembly SIMD
// kernel (rum-item/kernel-wasm.ts), each on one thread and on two (a worker thread trains half of
// the batches on the same tables, Hogwild-style, as training with threads = 2 does). Batches are
// built beforehand: only the kernel is timed. Two workloads, because the cost grows with the
// filled memory slots and the distinct rows per batch:
//  - "sequences": Amazon-like logs (about 25 purchases per user, Zipf item popularity, 25k items);
//    examples are every position of every user's sequence, shuffled, memory = the previous <= K
//  - "worst case": every example has all K slots filled with uniformly random items.
// Run: npx tsx bench/kernel-speed.ts  (best of 5 timed passes; other load on the machine skews it)
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Rng } from '../src-main/core/random';
import { initRumItemParams, type RumItemParams } from '../src-main/core/model/rum-item/params';
import { createRumItemBatch, RumItemScratch, SparseAdam, trainBatch, type AdamMoments, type RumItemBatch } from '../src-main/core/model/rum-item/kernel';
import { createWasmTables, WasmAdam, WasmRumKernel, type WasmTablesHandle } from '../src-main/core/model/rum-item/kernel-wasm';
import { shareParams, sharedMoments } from '../src-main/core/model/rum-item/train';

const dim = 32;
const K = 20;
const B = 512;
const C = 2;
const nUsers = 2000;
const nItems = 25000;
const L2 = 1e-4;
const LR = 0.001;
const PASSES = 5;

interface Ex { user: number; memory: number[]; positive: number }

function sequenceExamples(rng: Rng): Ex[] {
  const weights = Array.from({ length: nItems }, (_, i) => 1 / Math.pow(i + 1, 0.8));
  const total = weights.reduce((s, x) => s + x, 0);
  const cdf = new Float64Array(nItems);
  let acc = 0;
  weights.forEach((x, i) => (cdf[i] = acc += x / total));
  const draw = () => {
    const r = rng.next();
    let lo = 0;
    let hi = nItems - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const out: Ex[] = [];
  for (let u = 0; u < nUsers; u++) {
    const seq = Array.from({ length: 10 + rng.int(31) }, draw);
    const train = seq.slice(0, Math.floor(seq.length * 0.7));
    for (let t = 1; t < train.length; t++) out.push({ user: u, memory: train.slice(Math.max(0, t - K), t), positive: train[t] });
  }
  return rng.shuffle(out);
}

function worstCaseExamples(rng: Rng, n: number): Ex[] {
  return Array.from({ length: n }, () => ({
    user: rng.int(nUsers),
    memory: Array.from({ length: K }, () => rng.int(nItems)),
    positive: rng.int(nItems),
  }));
}

function toBatches(examples: Ex[], rng: Rng): RumItemBatch[] {
  const out: RumItemBatch[] = [];
  for (let start = 0; start + B <= examples.length; start += B) {
    const batch = createRumItemBatch(B, K, C);
    batch.size = B;
    for (let b = 0; b < B; b++) {
      const e = examples[start + b];
      batch.users[b] = e.user;
      batch.memoryLength[b] = e.memory.length;
      e.memory.forEach((m, k) => (batch.memory[b * K + k] = m));
      batch.candidates[b * C] = e.positive;
      batch.labels[b * C] = 1;
      batch.candidates[b * C + 1] = rng.int(nItems);
    }
    out.push(batch);
  }
  return out;
}

type KernelName = 'js' | 'wasm';

/** What a thread needs to train some batches on tables another thread shares. */
interface Shared {
  kernel: KernelName;
  params: RumItemParams;
  moments?: AdamMoments;
  wasm?: WasmTablesHandle;
  steps: Int32Array;
  /** Each pass, the worker trains batches [0, half) and the main thread [half, end). */
  batches: RumItemBatch[];
  half: number;
  /** [0]: passes the worker is asked to run; [1]: passes it has finished (Atomics). */
  control: Int32Array;
}

/** A step function over one thread's own scratch (thread 0: main; 1: the worker). */
function stepper(s: Shared, thread: number): (b: RumItemBatch) => number {
  if (s.kernel === 'wasm') {
    const kernel = new WasmRumKernel(s.wasm!, thread, s.params.config, 'bce');
    const opt = new WasmAdam({ lr: LR, steps: s.steps });
    // The sampler fills the kernel's own batch in training; here the prebuilt batches are copied in.
    return (b) => kernel.trainBatch(b, opt, L2);
  }
  const opt = new SparseAdam(s.params, { lr: LR, moments: s.moments, steps: s.steps });
  const scratch = new RumItemScratch(s.params, B, C);
  return (b) => trainBatch(s.params, b, opt, L2, scratch);
}

function workerMain(s: Shared): void {
  const step = stepper(s, 1);
  let done = 0;
  for (;;) {
    Atomics.wait(s.control, 0, done);
    const asked = Atomics.load(s.control, 0);
    if (asked < 0) return;
    for (; done < asked; done++) for (let b = 0; b < s.half; b++) step(s.batches[b]);
    Atomics.store(s.control, 1, done);
    Atomics.notify(s.control, 1);
  }
}

/** Best examples/s over PASSES passes of `batches`, on 1 or 2 threads. */
async function measure(kernel: KernelName, threads: number, batches: RumItemBatch[]): Promise<{ perSecond: number; distinct: number }> {
  const initial = initRumItemParams({ dim, slots: K, alpha: 0.2, beta: 1 }, nUsers, nItems, new Rng(1));
  const shared: Shared = {
    kernel,
    params: initial,
    steps: new Int32Array(new SharedArrayBuffer(4)),
    batches,
    half: threads > 1 ? Math.floor(batches.length / 2) : 0,
    control: new Int32Array(new SharedArrayBuffer(8)),
  };
  if (kernel === 'wasm') {
    const tables = createWasmTables(initial, { threads, maxBatch: B, maxCandidates: C });
    shared.params = tables.params;
    shared.wasm = tables.handle;
  } else if (threads > 1) {
    shared.params = shareParams(initial);
    shared.moments = sharedMoments(shared.params);
  }
  const step = stepper(shared, 0);
  let worker: Worker | undefined;
  if (threads > 1) {
    // The worker registers tsx itself (a worker does not inherit the loader), then runs this file.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    worker = new Worker(boot, { eval: true, workerData: shared });
    await new Promise<void>((resolve, reject) => {
      worker!.once('message', () => resolve());
      worker!.once('error', reject);
    });
  }
  const pass = (k: number) => {
    if (worker) {
      Atomics.store(shared.control, 0, k);
      Atomics.notify(shared.control, 0);
    }
    for (let b = shared.half; b < batches.length; b++) step(batches[b]);
    if (worker) while (Atomics.load(shared.control, 1) < k) Atomics.wait(shared.control, 1, k - 1, 1000);
  };
  pass(1); // warm-up: V8 optimises, the worker's kernel too
  let best = Infinity;
  for (let r = 0; r < PASSES; r++) {
    const t0 = performance.now();
    pass(r + 2);
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  if (worker) {
    Atomics.store(shared.control, 0, -1);
    Atomics.notify(shared.control, 0);
    await worker.terminate();
  }
  const distinct = new Set(Array.from(batches.at(-1)!.memory).concat(Array.from(batches.at(-1)!.candidates)).filter((i) => i >= 0)).size;
  return { perSecond: (batches.length * B) / best, distinct };
}

async function main(): Promise<void> {
  const rng = new Rng(7);
  const seq = toBatches(sequenceExamples(rng), rng);
  const worst = toBatches(worstCaseExamples(rng, 60 * B), rng);
  const k = (x: number) => Math.round(x).toLocaleString('en');
  console.log(`load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (const [name, batches] of [
    [`sequences, ${seq.length} batches`, seq],
    [`worst case, ${worst.length} batches`, worst],
  ] as const) {
    const filled = batches.reduce((s, b) => s + b.memoryLength.reduce((x, y) => x + y, 0), 0) / (batches.length * B);
    const row: string[] = [];
    let distinct = 0;
    for (const kernel of ['js', 'wasm'] as const) {
      for (const threads of [1, 2]) {
        const r = await measure(kernel, threads, batches);
        distinct = r.distinct;
        row.push(`${kernel} ${threads} thread${threads > 1 ? 's' : ''} ${k(r.perSecond)}`);
      }
    }
    console.log(`${name} (mean filled slots ${filled.toFixed(1)}, distinct items in the last batch ${distinct}): examples/s ${row.join(', ')}`);
  }
}

if (isMainThread) await main();
else {
  parentPort!.postMessage('ready');
  workerMain(workerData as Shared);
}
