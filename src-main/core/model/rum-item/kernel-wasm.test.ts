// The WebAssembly kernel against the JS kernel (kernel.ts, the reference): the same loss, the same
// summed per-row gradients and the same Adam steps, to float32's precision; the committed module
// is what its source compiles to; and two threads train on one shared memory.
//
// Tolerances (float32 sums in wasm, float64 in JS): the loss within 1e-6 relative; each gradient
// coordinate within 1e-5 of the largest coordinate of its row (a coordinate near 0 is a
// cancellation, where a relative bound means nothing; measured: up to 7e-7); after 20 Adam steps
// every table entry and moment within 2e-6 of the largest entry of its table (measured: 1e-7 to
// 7e-7).
import { describe, expect, it } from 'vitest';
import { generateSequentialLog } from '../../dataset/synthetic-log';
import { timeOrderedSplit } from '../../dataset/split';
import { Rng } from '../../random';
import { DEFAULT_CONFIG, type TrainConfig } from '../../train/config';
import { ExampleSampler, fitEnds } from '../../train/examples';
import { trainModel, type EpochHelper, type SharedTraining } from '../../train/trainer';
import { startEpochHelper } from '../../../jobs/train/epoch-helper';
import { scoreAllItems } from './score';
import { topN } from '../../eval/top-n';
import type { RankFn } from '../../train/protocol';
import type { Weights } from '../model';
import { initRumItemParams, type RumItemConfig, type RumItemParams } from './params';
import { lossAndGradients, RumItemScratch, SparseAdam, trainBatch, type LossKind, type RowGradients, type RumItemBatch } from './kernel';
import { createWasmTables, kernelModule, lossAndGradientsWasm, WasmAdam, wasmLayout, WasmRumKernel, type WasmRumParams } from './kernel-wasm';
import { rumParams } from './weights';
import { KERNEL_WASM_BASE64 } from './wasm/kernel-wasm.generated';
import { makeBatch, type Example } from './test-helpers';


/** Random examples over few rows, so rows recur within the batch; memories of every length 0..K. */
function randomBatch(rng: Rng, size: number, slots: number, C: number, nUsers: number, nItems: number): RumItemBatch {
  return makeBatch(
    Array.from({ length: size }, () => ({
      user: rng.int(nUsers),
      memory: Array.from({ length: rng.int(slots + 1) }, () => rng.int(nItems)),
      candidates: Array.from({ length: C }, () => rng.int(nItems)),
    })),
    slots,
    C,
  );
}

/** Every row's gradient in `wasm` equals its row in `js`: the same rows, coordinates within 1e-5 of the row's largest. */
function expectSameGradients(wasm: RowGradients, js: RowGradients, dim: number, what: string): void {
  expect([...wasm.rows].sort((a, b) => a - b), what).toEqual([...js.rows].sort((a, b) => a - b));
  const slotOf = new Map<number, number>();
  for (let s = 0; s < wasm.count; s++) slotOf.set(wasm.rows[s], s);
  for (let s = 0; s < js.count; s++) {
    const w = slotOf.get(js.rows[s])!;
    let scale = 0;
    for (let d = 0; d < dim; d++) scale = Math.max(scale, Math.abs(js.grad[s * dim + d]));
    for (let d = 0; d < dim; d++) {
      const a = wasm.grad[w * dim + d];
      const b = js.grad[s * dim + d];
      expect(Math.abs(a - b), `${what} row ${js.rows[s]} coordinate ${d}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-5 * scale + 1e-12);
    }
  }
}

/** max |a - b| over max |b|: differences relative to the table's scale. */
function relativeToScale(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale > 0 ? worst / scale : worst;
}

describe('the committed wasm module', () => {
  it('is what scripts/build-wasm.mjs compiles wasm/kernel.as to (run npm run build:wasm after editing it)', async () => {
    const script = new URL('../../../../scripts/build-wasm.mjs', import.meta.url).href;
    const { compileKernel } = (await import(/* @vite-ignore */ script)) as { compileKernel(): Promise<Uint8Array> };
    const rebuilt = await compileKernel();
    expect(Buffer.from(rebuilt).toString('base64') === KERNEL_WASM_BASE64, 'kernel-wasm.generated.ts is stale: npm run build:wasm').toBe(true);
  }, 120_000);

  it('imports nothing but its memory, and exports the three entry points', () => {
    const module = kernelModule();
    expect(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`)).toEqual(['env.memory:memory']);
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual(['accumulate', 'adam', 'init', 'memory']);
  });
});

// Memory lengths 0, 1, 3 and K; user 1 and items 2, 3 recur; item 2 is both memory and candidate
// of the second example; the last user bought item 5 twice (kernel.test.ts's batch).
const small: Example[] = [
  { user: 0, memory: [], candidates: [1, 4, 6] },
  { user: 1, memory: [2], candidates: [2, 3, 7] },
  { user: 1, memory: [2, 3, 0], candidates: [4, 2, 5] },
  { user: 3, memory: [5, 0, 5, 3], candidates: [6, 1, 3] },
];

describe('loss and gradients equal the JS kernel', () => {
  const cases: { name: string; config: RumItemConfig; batch: () => RumItemBatch; nUsers: number; nItems: number; l2: number }[] = [
    { name: 'D 5, K 4, the small batch', config: { dim: 5, slots: 4, alpha: 0.7, beta: 1.5 }, batch: () => makeBatch(small, 4, 3), nUsers: 4, nItems: 8, l2: 0.03 },
    {
      name: 'D 32, K 20, 200 examples over 40 users and 90 items',
      config: { dim: 32, slots: 20, alpha: 0.2, beta: 1 },
      batch: () => randomBatch(new Rng(5), 200, 20, 2, 40, 90),
      nUsers: 40,
      nItems: 90,
      l2: 1e-4,
    },
    {
      name: 'D 7, K 3, negative alpha, 4 candidates',
      config: { dim: 7, slots: 3, alpha: -0.8, beta: 3 },
      batch: () => randomBatch(new Rng(6), 64, 3, 4, 10, 30),
      nUsers: 10,
      nItems: 30,
      l2: 0.01,
    },
    {
      name: 'FPMC-like: D 16, K 1, alpha 1, no L2',
      config: { dim: 16, slots: 1, alpha: 1, beta: 1 },
      batch: () => randomBatch(new Rng(7), 100, 1, 2, 20, 50),
      nUsers: 20,
      nItems: 50,
      l2: 0,
    },
  ];
  for (const c of cases) {
    for (const kind of ['bce', 'bpr'] as LossKind[]) {
      for (const alpha of [c.config.alpha, 0]) {
        it(`${c.name}: ${kind}, alpha ${alpha}`, () => {
          const config = { ...c.config, alpha };
          const params = initRumItemParams(config, c.nUsers, c.nItems, new Rng(11), 0.6);
          const batch = c.batch();
          const js = lossAndGradients(params, batch, c.l2, kind);
          const wasm = lossAndGradientsWasm(params, batch, c.l2, kind);
          expect(Math.abs(wasm.loss - js.loss) / js.loss).toBeLessThan(1e-6);
          expectSameGradients(wasm.grads.user, js.grads.user, config.dim, 'user');
          expectSameGradients(wasm.grads.item, js.grads.item, config.dim, 'item');
        });
      }
    }
  }

  it('with alpha = 0 reads no memory and needs none', () => {
    const config = { dim: 5, slots: 4, alpha: 0, beta: 1.5 };
    const params = initRumItemParams(config, 4, 8, new Rng(3), 0.6);
    const batch = makeBatch(small, 4, 3);
    const js = lossAndGradients(params, batch, 0.01);
    const wasm = lossAndGradientsWasm(params, { ...batch, memory: new Int32Array(0) }, 0.01);
    expect(wasm.loss).toBeCloseTo(js.loss, 6);
    expect([...wasm.grads.item.rows]).not.toContain(0);
  });

  it('refuses ids out of range when asked to validate, as the JS kernel does', () => {
    const config = { dim: 5, slots: 4, alpha: 0.7, beta: 1.5 };
    const params = initRumItemParams(config, 4, 8, new Rng(3), 0.6);
    const bad = makeBatch([{ user: 0, memory: [9], candidates: [1, 2, 3] }], 4, 3);
    expect(() => lossAndGradientsWasm(params, bad, 0.01)).toThrow(/memory item id 9 outside 0..7/);
    const badUser = makeBatch([{ user: 4, memory: [], candidates: [1, 2, 3] }], 4, 3);
    expect(() => lossAndGradientsWasm(params, badUser, 0.01)).toThrow(/user id 4/);
  });

  it('an empty batch has loss 0 and no gradients', () => {
    const params = initRumItemParams({ dim: 5, slots: 4, alpha: 0.7, beta: 1.5 }, 4, 8, new Rng(3));
    const { loss, grads } = lossAndGradientsWasm(params, makeBatch([], 4, 3), 0.01);
    expect(loss).toBe(0);
    expect(grads.user.count + grads.item.count).toBe(0);
  });
});

describe('training steps equal the JS kernel with SparseAdam', () => {
  for (const [kind, dim, slots] of [
    ['bce', 6, 5],
    ['bpr', 6, 5],
    ['bce', 32, 20],
    ['bpr', 32, 20],
  ] as [LossKind, number, number][]) {
    it(`20 steps of ${kind} leave the same tables and moments (D ${dim}, K ${slots})`, () => {
      const config: RumItemConfig = { dim, slots, alpha: 0.5, beta: 2 };
      const nUsers = 30;
      const nItems = 70;
      const C = 3;
      const initial = initRumItemParams(config, nUsers, nItems, new Rng(2), 0.3);
      const js: RumItemParams = { ...initial, user: initial.user.slice(), item: initial.item.slice() };
      const jsMoments = { mUser: new Float32Array(js.user.length), vUser: new Float32Array(js.user.length), mItem: new Float32Array(js.item.length), vItem: new Float32Array(js.item.length) };
      const jsOpt = new SparseAdam(js, { lr: 0.01, moments: jsMoments });
      const scratch = new RumItemScratch(js, 50, C, kind);
      const tables = createWasmTables(initial, { threads: 1, maxBatch: 50, maxCandidates: C });
      const kernel = new WasmRumKernel(tables.handle, 0, config, kind);
      const wasmOpt = new WasmAdam({ lr: 0.01 });
      const rng = new Rng(9);
      for (let step = 0; step < 20; step++) {
        const batch = randomBatch(rng, 10 + rng.int(41), config.slots, C, nUsers, nItems);
        const a = trainBatch(js, batch, jsOpt, 1e-3, scratch);
        const b = kernel.trainBatch(batch, wasmOpt, 1e-3);
        expect(Math.abs(a - b) / a, `loss of step ${step + 1}`).toBeLessThan(1e-6);
      }
      expect(wasmOpt.step).toBe(20);
      expect(relativeToScale(tables.params.user, js.user)).toBeLessThan(2e-6);
      expect(relativeToScale(tables.params.item, js.item)).toBeLessThan(2e-6);
      for (const m of ['mUser', 'vUser', 'mItem', 'vItem'] as const) expect(relativeToScale(tables.moments[m], jsMoments[m]), m).toBeLessThan(2e-6);
      // The tables did move.
      expect(relativeToScale(tables.params.item, initial.item)).toBeGreaterThan(1e-2);
    });
  }

  it('trains on the batch the sampler fills in place (the kernel’s own views), as on a copied one', () => {
    const config: RumItemConfig = { dim: 8, slots: 3, alpha: 0.4, beta: 1 };
    const initial = initRumItemParams(config, 10, 20, new Rng(4), 0.3);
    const source = randomBatch(new Rng(8), 16, 3, 2, 10, 20);
    const results = [true, false].map((inPlace) => {
      const tables = createWasmTables(initial, { threads: 1, maxBatch: 16, maxCandidates: 2 });
      const kernel = new WasmRumKernel(tables.handle, 0, config);
      let batch = source;
      if (inPlace) {
        batch = kernel.ownBatch(2);
        batch.size = source.size;
        batch.users.set(source.users);
        batch.memory.set(source.memory);
        batch.memoryLength.set(source.memoryLength);
        batch.candidates.set(source.candidates);
        batch.labels.set(source.labels);
      }
      const loss = kernel.trainBatch(batch, new WasmAdam({ lr: 0.01 }), 1e-3);
      return { loss, item: tables.params.item.slice() };
    });
    expect(results[0].loss).toBe(results[1].loss);
    expect(results[0].item).toEqual(results[1].item);
  });
});

describe('the memory', () => {
  it('lays out the tables, moments and each thread’s scratch without overlap, cache-line aligned', () => {
    const p = { config: { dim: 7, slots: 3, alpha: 1, beta: 1 }, nUsers: 11, nItems: 13 };
    const l = wasmLayout(p, { threads: 2, maxBatch: 5, maxCandidates: 3 });
    const spans: [number, number][] = [
      [l.user, 11 * 7 * 4],
      [l.item, 13 * 7 * 4],
      [l.mUser, 11 * 7 * 4],
      [l.vUser, 11 * 7 * 4],
      [l.mItem, 13 * 7 * 4],
      [l.vItem, 13 * 7 * 4],
    ];
    for (const t of l.threads) {
      spans.push([t.header, 160], [t.uSlot, 11 * 4], [t.iSlot, 13 * 4], [t.uGrad, t.userCapacity * 8 * 4], [t.iGrad, t.itemCapacity * 8 * 4], [t.mv, 4 * 8 * 4]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][0] + spans[i - 1][1]);
    for (const [at] of spans) expect(at % 64).toBe(0);
    expect(spans.at(-1)![0] + spans.at(-1)![1]).toBeLessThanOrEqual(l.pages * 65536);
  });

  it('hands out the tables as Float32Array views holding the initial values', () => {
    const initial = initRumItemParams({ dim: 4, slots: 2, alpha: 1, beta: 1 }, 3, 5, new Rng(1));
    const { params, moments, handle } = createWasmTables(initial, { threads: 1, maxBatch: 4, maxCandidates: 2 });
    expect(params.user).toEqual(initial.user);
    expect(params.item).toEqual(initial.item);
    expect(params.item.buffer).toBe(handle.memory.buffer);
    expect(moments.vItem.every((x) => x === 0)).toBe(true);
  });

  it('refuses tables over 4 GiB with a clear message', () => {
    const p = { config: { dim: 512, slots: 20, alpha: 1, beta: 1 }, nUsers: 1_000_000, nItems: 1000 };
    expect(() => wasmLayout(p, { threads: 1, maxBatch: 512, maxCandidates: 2 })).toThrow(/over WebAssembly's 4 GiB: train with gradients = kernel/);
  });
});

// ---------------------------------------------------------------------------------------------
// Training through the trainer

const log = generateSequentialLog({ users: 120, items: 300, events: 3000, seed: 5 });
const split = timeOrderedSplit(log);
const config = (over: Partial<TrainConfig> = {}): TrainConfig => ({ ...DEFAULT_CONFIG, dim: 8, slots: 5, epochs: 3, patience: 100, ...over });

function jsRank(w: Weights): RankFn {
  const params = rumParams(w);
  return (users, memories, excluded, n) =>
    Array.from(users, (u, j) => {
      const skip = new Uint8Array(params.nItems);
      for (const i of excluded[j]) skip[i] = 1;
      return topN(scoreAllItems(params, u, memories[j]), n, skip);
    });
}

describe('trainModel with gradients = wasm', () => {
  for (const model of ['rum-item', 'bpr', 'fpmc'] as const) {
    it(`${model}: follows the JS kernel's trajectory, and one thread reproduces itself bit for bit`, () => {
      const c = config({ model, batchSize: 64 });
      const viaJs = trainModel(split, c, { makeRank: jsRank });
      const viaWasm = trainModel(split, { ...c, gradients: 'wasm' }, { makeRank: jsRank });
      const again = trainModel(split, { ...c, gradients: 'wasm' }, { makeRank: jsRank });
      viaJs.curve.forEach((e, k) => expect(Math.abs(viaWasm.curve[k].loss - e.loss) / e.loss, `epoch ${k + 1}`).toBeLessThan(1e-4));
      const a = rumParams(viaJs.weights).item;
      const b = rumParams(viaWasm.weights).item;
      expect(relativeToScale(b, a)).toBeLessThan(1e-3);
      expect(rumParams(again.weights).item).toEqual(b);
      // The kept weights are a copy in ordinary memory, not a view of the kernel's.
      expect(b.buffer).toBeInstanceOf(ArrayBuffer);
    });
  }

  it('two threads: the helper trains its half of every epoch into the shared memory, both count Adam steps', () => {
    const c = config({ gradients: 'wasm', threads: 2, batchSize: 64 });
    const parts: { examples: number; steps: number; usersChanged: number[]; usersOfSlice: number[]; lossSum: number }[] = [];
    let shared: SharedTraining | undefined;
    // The real helper thread, run to completion inside start() while this thread waits: what
    // changes then is the helper's work alone.
    const serialised = (s: SharedTraining): EpochHelper => {
      shared = s;
      const sampler = new ExampleSampler(s.split, s.fitEnd, s.config.slots, s.config.negatives);
      const real = startEpochHelper(s);
      const dim = s.config.dim;
      let last = { lossSum: Number.NaN };
      return {
        start(epoch, order, from, to) {
          const before = s.params.user.slice();
          const steps = Atomics.load(s.adamSteps, 0);
          real.start(epoch, order, from, to);
          last = real.wait();
          const changed: number[] = [];
          for (let r = 0; r < s.params.nUsers; r++) if (s.params.user.subarray(r * dim, (r + 1) * dim).some((x, d) => x !== before[r * dim + d])) changed.push(r);
          parts.push({
            examples: to - from,
            steps: Atomics.load(s.adamSteps, 0) - steps,
            usersChanged: changed,
            usersOfSlice: [...new Set(Array.from(order.subarray(from, to), (e) => sampler.exUser[e]))].sort((x, y) => x - y),
            lossSum: last.lossSum,
          });
        },
        wait: () => last,
        close: () => real.close(),
      };
    };
    const outcome = trainModel(split, c, { makeRank: jsRank, epochHelper: serialised });
    expect(outcome.epochsRun).toBe(3);
    expect((shared!.params as WasmRumParams).wasm.memory.buffer).toBe(shared!.params.user.buffer);
    const examples = new ExampleSampler(split, fitEnds(split, c.validationPercent), c.slots, c.negatives).size;
    const helperBatches = Math.ceil(Math.floor(examples / 2) / 64);
    const mainBatches = Math.ceil((examples - Math.floor(examples / 2)) / 64);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      expect(part.examples).toBe(Math.floor(examples / 2));
      expect(part.steps).toBe(helperBatches);
      expect(part.usersChanged).toEqual(part.usersOfSlice);
      expect(part.lossSum / part.examples).toBeGreaterThan(0.05);
      expect(part.lossSum / part.examples).toBeLessThan(5);
    }
    expect(Atomics.load(shared!.adamSteps, 0)).toBe(3 * (helperBatches + mainBatches));
    expect(outcome.curve.every((e) => Number.isFinite(e.loss))).toBe(true);
  }, 120_000);

  it('two threads at once reach about the one-thread loss', () => {
    const c = config({ gradients: 'wasm', batchSize: 64, epochs: 4 });
    const one = trainModel(split, c, { makeRank: jsRank });
    const two = trainModel(split, { ...c, threads: 2 }, { makeRank: jsRank, epochHelper: (s) => startEpochHelper(s) });
    expect(two.epochsRun).toBe(4);
    expect(Math.abs(two.curve.at(-1)!.loss - one.curve.at(-1)!.loss)).toBeLessThan(0.05);
  }, 120_000);
});
