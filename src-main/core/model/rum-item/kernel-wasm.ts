// Item-level RUM's training step on WebAssembly SIMD: the fused kernel of kernel.ts (forward,
// analytic backward, per-row gradient sums, lazy Adam over the touched rows) compiled from
// AssemblyScript (wasm/kernel.as, f32x4), for the same loss and gradients in float32 where
// kernel.ts sums in float64. kernel.ts stays the reference; kernel-wasm.test.ts holds the two
// equal. Chosen by the setting gradients = 'wasm'.
//
// The tables live inside one shared WebAssembly.Memory, laid out once here with room for every
// training thread's scratch, and never grown: the rest of the program reads them through
// Float32Array views (params.user, params.item and the Adam moments), which therefore stay
// valid for the memory's lifetime. With two threads each instantiates the module on the same
// memory (posted to the helper with the views) and trains on the same tables Hogwild-style, as
// the JS kernel does on SharedArrayBuffers.
import { checkBatch, type AdamMoments, type LossKind, type RumItemBatch, type SparseGradients } from './kernel';
import type { RumItemParams } from './params';
import { KERNEL_WASM_BASE64 } from './wasm/kernel-wasm.generated';

const PAGE = 65536;
/** wasm32's ceiling: 65536 pages of 64 KiB. */
const MAX_PAGES = 65536;
// Cache-line aligned: a row of D = 32 floats then spans two lines, not three.
const ALIGN = 64;
/** Where the layout starts: the module has no data of its own, but keep address 0 unused. */
const BASE = 1024;

/** Byte offsets of a thread's header fields, as wasm/kernel.as reads them (H_* there). */
const HEADER_FIELDS = [
  'dim', 'slots', 'nUsers', 'nItems', 'alpha', 'beta',
  'user', 'item', 'mUser', 'vUser', 'mItem', 'vItem',
  'users', 'memory', 'memoryLength', 'candidates', 'labels',
  'uRows', 'uGrad', 'uSlot', 'iRows', 'iGrad', 'iSlot',
  'pv', 'qv', 'mv', 'w', 'z', 'f', 'g', 'coef', 'memOff', 'qOff',
  'uCount', 'iCount', 'sink',
] as const;
type HeaderField = (typeof HEADER_FIELDS)[number];
const HEADER_BYTES = 160;

/** One training thread's scratch in the memory: byte offsets. */
export interface WasmThreadLayout {
  header: number;
  users: number;
  memory: number;
  memoryLength: number;
  candidates: number;
  labels: number;
  uRows: number;
  uGrad: number;
  uSlot: number;
  iRows: number;
  iGrad: number;
  iSlot: number;
  pv: number;
  qv: number;
  mv: number;
  w: number;
  z: number;
  f: number;
  g: number;
  coef: number;
  memOff: number;
  qOff: number;
  /** Rows the user and item sums can hold. */
  userCapacity: number;
  itemCapacity: number;
}

/** Where everything lies in the memory (a plain object: it travels to the helper thread with the memory). */
export interface WasmLayout {
  pages: number;
  dim: number;
  slots: number;
  nUsers: number;
  nItems: number;
  maxBatch: number;
  maxCandidates: number;
  user: number;
  item: number;
  mUser: number;
  vUser: number;
  mItem: number;
  vItem: number;
  threads: WasmThreadLayout[];
}

/** The memory and its layout: what a thread needs to train on the tables. */
export interface WasmTablesHandle {
  memory: WebAssembly.Memory;
  layout: WasmLayout;
}

/** Parameters whose tables are views into a wasm memory, with the handle that owns them. */
export interface WasmRumParams extends RumItemParams {
  wasm: WasmTablesHandle;
}

export interface WasmTables {
  handle: WasmTablesHandle;
  /** The tables as views into the memory (with the handle, so a thread they are posted to can train on them). */
  params: WasmRumParams;
  moments: AdamMoments;
}

export interface WasmTablesOptions {
  /** Training threads that will each need scratch (1 or 2). */
  threads: number;
  /** The largest batch and candidates per example any thread will train. */
  maxBatch: number;
  maxCandidates: number;
}

const round4 = (n: number) => (n + 3) & ~3;
/** Scratch rows are padded to a multiple of 8 floats (wasm/kernel.as's Dp). */
const paddedDim = (dim: number) => (dim + 7) & ~7;

/** The layout of the tables of `p` and `threads` threads' scratch. */
export function wasmLayout(p: Pick<RumItemParams, 'config' | 'nUsers' | 'nItems'>, options: WasmTablesOptions): WasmLayout {
  const { dim: D, slots: K } = p.config;
  const { threads, maxBatch: B, maxCandidates: C } = options;
  for (const [name, v] of Object.entries({ threads, maxBatch: B, maxCandidates: C })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${v}`);
  }
  const Dp = paddedDim(D);
  const Kp = round4(K);
  let at = BASE;
  const take = (bytes: number) => {
    const here = at;
    at += Math.ceil(bytes / ALIGN) * ALIGN;
    return here;
  };
  const f32 = 4;
  const user = take(p.nUsers * D * f32);
  const item = take(p.nItems * D * f32);
  const mUser = take(p.nUsers * D * f32);
  const vUser = take(p.nUsers * D * f32);
  const mItem = take(p.nItems * D * f32);
  const vItem = take(p.nItems * D * f32);
  const thread = (): WasmThreadLayout => {
    const userCapacity = Math.min(p.nUsers, B);
    const itemCapacity = Math.min(p.nItems, B * (C + K));
    return {
      header: take(HEADER_BYTES),
      users: take(B * 4),
      memory: take(B * K * 4),
      memoryLength: take(B * 4),
      candidates: take(B * C * 4),
      labels: take(B * C * f32),
      uRows: take(userCapacity * 4),
      uGrad: take(userCapacity * Dp * f32),
      uSlot: take(p.nUsers * 4),
      iRows: take(itemCapacity * 4),
      iGrad: take(itemCapacity * Dp * f32),
      iSlot: take(p.nItems * 4),
      pv: take(Dp * f32),
      qv: take(C * Dp * f32),
      mv: take(Kp * Dp * f32),
      w: take(C * Kp * f32),
      z: take(C * Kp * f32),
      f: take(C * f32),
      g: take(C * f32),
      coef: take(C * Kp * f32),
      memOff: take(Kp * 4),
      qOff: take(C * 4),
      userCapacity,
      itemCapacity,
    };
  };
  const threadLayouts = Array.from({ length: threads }, thread);
  const pages = Math.ceil(at / PAGE);
  if (pages > MAX_PAGES) {
    throw new Error(
      `the wasm kernel needs ${(at / 2 ** 30).toFixed(1)} GiB for these tables, over WebAssembly's 4 GiB: train with gradients = kernel`,
    );
  }
  return { pages, dim: D, slots: K, nUsers: p.nUsers, nItems: p.nItems, maxBatch: B, maxCandidates: C, user, item, mUser, vUser, mItem, vItem, threads: threadLayouts };
}

/** Views of the tables and moments of a laid-out memory, with the handle attached. */
export function wasmTableViews(handle: WasmTablesHandle, config: RumItemParams['config']): { params: WasmRumParams; moments: AdamMoments } {
  const { memory, layout: l } = handle;
  const buf = memory.buffer;
  const users = l.nUsers * l.dim;
  const items = l.nItems * l.dim;
  const params: WasmRumParams = {
    config: { ...config },
    nUsers: l.nUsers,
    nItems: l.nItems,
    item: new Float32Array(buf, l.item, items),
    user: new Float32Array(buf, l.user, users),
    wasm: handle,
  };
  const moments: AdamMoments = {
    mUser: new Float32Array(buf, l.mUser, users),
    vUser: new Float32Array(buf, l.vUser, users),
    mItem: new Float32Array(buf, l.mItem, items),
    vItem: new Float32Array(buf, l.vItem, items),
  };
  return { params, moments };
}

/**
 * A memory holding a copy of the tables of `initial`, zeroed Adam moments and scratch for
 * `options.threads` threads; shared, so a second thread can train on it.
 */
export function createWasmTables(initial: RumItemParams, options: WasmTablesOptions): WasmTables {
  const layout = wasmLayout(initial, options);
  const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared: true });
  const handle: WasmTablesHandle = { memory, layout };
  const { params, moments } = wasmTableViews(handle, initial.config);
  params.user.set(initial.user);
  params.item.set(initial.item);
  for (const t of layout.threads) {
    new Int32Array(memory.buffer, t.uSlot, layout.nUsers).fill(-1);
    new Int32Array(memory.buffer, t.iSlot, layout.nItems).fill(-1);
  }
  return { handle, params, moments };
}

/** The handle of parameters made by createWasmTables, or a clear error. */
export function wasmHandleOf(params: RumItemParams): WasmTablesHandle {
  const handle = (params as Partial<WasmRumParams>).wasm;
  if (!handle || !(handle.memory instanceof WebAssembly.Memory)) throw new Error('gradients = wasm needs tables made by createWasmTables (rum-item/kernel-wasm.ts)');
  return handle;
}

// ---------------------------------------------------------------------------------------------

interface KernelExports {
  init(header: number): void;
  accumulate(B: number, C: number, l2: number, bpr: number): number;
  adam(lrT: number, b1: number, b2: number, c1: number, c2: number, eps: number): void;
}

let compiled: WebAssembly.Module | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The compiled module, once per thread. */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(decodeBase64(KERNEL_WASM_BASE64));
  return compiled;
}

/** Adam's settings and its step count (shared between threads through `steps`, like SparseAdam's). */
export interface WasmAdamOptions {
  lr?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** A one-element step counter shared with the other threads' optimisers (SparseAdam's `steps`). */
  steps?: Int32Array;
}

/** Lazy Adam's schedule as SparseAdam keeps it: the global step and lr_t; the update itself runs in wasm. */
export class WasmAdam {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  step = 0;
  private readonly steps?: Int32Array;

  constructor(options: WasmAdamOptions = {}) {
    this.lr = options.lr ?? 0.001;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.steps = options.steps;
  }

  /** Claims the next step; its bias-corrected rate lr sqrt(1 - b2^t) / (1 - b1^t). */
  nextRate(): number {
    this.step = this.steps ? Atomics.add(this.steps, 0, 1) + 1 : this.step + 1;
    return (this.lr * Math.sqrt(1 - Math.pow(this.beta2, this.step))) / (1 - Math.pow(this.beta1, this.step));
  }
}

/**
 * One thread's kernel: an instance of the module on the shared memory, with thread `thread`'s
 * scratch. `batch` is a batch whose arrays are views of that scratch: fill it (the sampler does)
 * and no copy is made; another batch is copied in first.
 */
export class WasmRumKernel {
  readonly batch: RumItemBatch;
  private readonly exports: KernelExports;
  private readonly header: Int32Array;
  private readonly layout: WasmLayout;
  private readonly thread: WasmThreadLayout;

  constructor(
    readonly handle: WasmTablesHandle,
    /** Whose scratch: 0 the trainer's thread, 1 the helper's (the layout has one per thread). */
    thread: number,
    /** The model's settings; dim and slots must be the layout's. */
    config: RumItemParams['config'],
    /** 'bce' (RUM) or 'bpr' (BPR-MF, FPMC: candidate 0 the positive). */
    readonly loss: LossKind = 'bce',
  ) {
    const { memory, layout } = handle;
    const t = layout.threads[thread];
    if (!t) throw new Error(`the wasm tables were laid out for ${layout.threads.length} thread(s), not thread ${thread}`);
    this.layout = layout;
    this.thread = t;
    const buf = memory.buffer;
    const header = new Int32Array(buf, t.header, HEADER_BYTES / 4);
    const headerF = new Float32Array(buf, t.header, HEADER_BYTES / 4);
    const field = (name: HeaderField) => HEADER_FIELDS.indexOf(name);
    if (config.dim !== layout.dim || config.slots !== layout.slots) throw new Error('config does not match the wasm tables');
    header[field('dim')] = layout.dim;
    header[field('slots')] = layout.slots;
    header[field('nUsers')] = layout.nUsers;
    header[field('nItems')] = layout.nItems;
    headerF[field('alpha')] = config.alpha;
    headerF[field('beta')] = config.beta;
    for (const name of ['user', 'item', 'mUser', 'vUser', 'mItem', 'vItem'] as const) header[field(name)] = layout[name];
    for (const name of HEADER_FIELDS) {
      if (name in t) header[field(name)] = t[name as keyof WasmThreadLayout];
    }
    this.header = header;
    const instance = new WebAssembly.Instance(kernelModule(), { env: { memory } });
    this.exports = instance.exports as unknown as KernelExports;
    this.exports.init(t.header);
    const B = layout.maxBatch;
    const C = layout.maxCandidates;
    this.batch = {
      size: 0,
      candidatesPerExample: C,
      users: new Int32Array(buf, t.users, B),
      memory: new Int32Array(buf, t.memory, B * layout.slots).fill(-1),
      memoryLength: new Int32Array(buf, t.memoryLength, B),
      candidates: new Int32Array(buf, t.candidates, B * C),
      labels: new Float32Array(buf, t.labels, B * C),
    };
  }

  /** A batch with the given candidates per example (up to the layout's), whose arrays are this kernel's. */
  ownBatch(candidatesPerExample: number): RumItemBatch {
    if (candidatesPerExample > this.layout.maxCandidates) throw new Error(`the wasm tables were laid out for ${this.layout.maxCandidates} candidates per example`);
    return { ...this.batch, candidatesPerExample };
  }

  /** Loss of `batch` with its per-row gradient sums left in this thread's scratch (see gradients()). */
  accumulate(batch: RumItemBatch, l2: number, validate = false): number {
    const { size: B, candidatesPerExample: C } = batch;
    if (B > this.layout.maxBatch || C > this.layout.maxCandidates) throw new Error('the wasm scratch was laid out for a smaller batch');
    if (validate) this.check(batch);
    this.load(batch);
    return this.exports.accumulate(B, C, l2, this.loss === 'bpr' ? 1 : 0);
  }

  /** One step: the loss (before the update), then lazy Adam over the touched rows. */
  trainBatch(batch: RumItemBatch, optimiser: WasmAdam, l2: number, validate = false): number {
    const loss = this.accumulate(batch, l2, validate);
    const o = optimiser;
    this.exports.adam(o.nextRate(), o.beta1, o.beta2, 1 - o.beta1, 1 - o.beta2, o.epsilon);
    return loss;
  }

  /** The last accumulate's per-row gradient sums, copied out as kernel.ts's lossAndGradients gives them. */
  gradients(): SparseGradients {
    const buf = this.handle.memory.buffer;
    const D = this.layout.dim;
    const Dp = paddedDim(D);
    const t = this.thread;
    const copy = (count: number, rowsAt: number, gradAt: number) => {
      const rows = new Int32Array(buf, rowsAt, count).slice();
      const sums = new Float32Array(buf, gradAt, count * Dp);
      const grad = new Float64Array(count * D);
      for (let s = 0; s < count; s++) for (let d = 0; d < D; d++) grad[s * D + d] = sums[s * Dp + d];
      return { count, rows, grad };
    };
    return {
      user: copy(this.header[HEADER_FIELDS.indexOf('uCount')], t.uRows, t.uGrad),
      item: copy(this.header[HEADER_FIELDS.indexOf('iCount')], t.iRows, t.iGrad),
    };
  }

  /** Copies a batch that is not this kernel's own into its scratch. */
  private load(batch: RumItemBatch): void {
    const own = this.batch;
    if (batch.users === own.users) return;
    const { size: B, candidatesPerExample: C } = batch;
    const K = this.layout.slots;
    own.users.set(batch.users.subarray(0, B));
    own.memoryLength.set(batch.memoryLength.subarray(0, B));
    own.memory.set(batch.memory.subarray(0, Math.min(batch.memory.length, B * K)));
    own.candidates.set(batch.candidates.subarray(0, B * C));
    own.labels.set(batch.labels.subarray(0, B * C));
  }

  /** kernel.ts's batch checks, on this kernel's table sizes and alpha. */
  private check(batch: RumItemBatch): void {
    const { slots, nUsers, nItems } = this.layout;
    const alpha = new Float32Array(this.header.buffer, this.header.byteOffset + HEADER_FIELDS.indexOf('alpha') * 4, 1)[0];
    checkBatch({ nUsers, nItems, config: { slots, alpha } }, batch);
  }
}

/** Loss and summed per-row gradients of one batch on a fresh memory holding copies of the tables (for tests and checks). */
export function lossAndGradientsWasm(params: RumItemParams, batch: RumItemBatch, l2: number, kind: LossKind = 'bce'): { loss: number; grads: SparseGradients } {
  const tables = createWasmTables(params, { threads: 1, maxBatch: Math.max(1, batch.size), maxCandidates: batch.candidatesPerExample });
  const kernel = new WasmRumKernel(tables.handle, 0, params.config, kind);
  const loss = kernel.accumulate(batch, l2, true);
  return { loss, grads: kernel.gradients() };
}
