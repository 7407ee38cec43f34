import type { Tensor, Weights } from '../core/model/model';

/**
 * A model's arrays as one BLOB: a JSON header then the raw little-endian arrays, 8-byte aligned.
 * Raw Float32 keeps a 25k x 50 table at 5 MB instead of ~25 MB of JSON, and loads without parsing.
 *
 * Version 2 (written now) is generic: the header holds the kind, the model's own settings and each
 * named tensor's shape, so any model's weights (core/model/model.ts) store without a change here.
 * Version 1 (written before models were named tensors) is still read: MostPopular's `counts`, or
 * the RUM family's `item` and `user` tables with their sizes in the header.
 */
export interface StoredArrays {
  weights: Weights;
  /** Model item index -> dataset item index; model user index -> dataset user index. */
  itemOf: Int32Array;
  userOf: Int32Array;
}

interface Entry {
  name: string;
  offset: number;
  length: number;
}

interface HeaderV2 {
  version: 2;
  kind: string;
  config: Record<string, number>;
  /** The index maps (int32). */
  index: Entry[];
  /** The model's tensors (float32), each with its shape. */
  tensors: (Entry & { shape: number[] })[];
}

interface HeaderV1 {
  version: 1;
  meta: { kind: string; config?: Record<string, number>; nUsers?: number; nItems?: number };
  layout: (Entry & { type: 'f32' | 'i32' })[];
}

export function encodeWeights(s: StoredArrays): Buffer {
  const w = s.weights;
  const arrays: (Float32Array | Int32Array)[] = [];
  let offset = 0;
  const place = (name: string, a: Float32Array | Int32Array): Entry => {
    const entry = { name, offset, length: a.length };
    arrays.push(a);
    offset += align8(a.byteLength);
    return entry;
  };
  const index = [place('itemOf', s.itemOf), place('userOf', s.userOf)];
  const tensors = Object.entries(w.tensors).map(([name, t]) => {
    checkShape(name, t);
    return { ...place(name, t.data), shape: [...t.shape] };
  });
  const head: HeaderV2 = { version: 2, kind: w.kind, config: { ...w.config }, index, tensors };
  const header = Buffer.from(JSON.stringify(head));
  const headerLen = align8(4 + header.length);
  const out = Buffer.alloc(headerLen + offset);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  const entries = [...index, ...tensors];
  arrays.forEach((a, k) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, headerLen + entries[k].offset));
  return out;
}

export function decodeWeights(buf: Buffer): StoredArrays {
  const len = buf.readUInt32LE(0);
  const head = JSON.parse(buf.subarray(4, 4 + len).toString()) as HeaderV1 | HeaderV2;
  const base = align8(4 + len);
  // Copy out: the BLOB's Buffer may be pooled or unaligned for a typed-array view.
  const bytes = (e: Entry) => {
    const ab = new ArrayBuffer(e.length * 4);
    new Uint8Array(ab).set(buf.subarray(base + e.offset, base + e.offset + e.length * 4));
    return ab;
  };
  const find = (entries: Entry[], name: string) => {
    const e = entries.find((l) => l.name === name);
    if (!e) throw new Error(`model weights lack ${name}`);
    return e;
  };
  if (head.version === 1) return decodeV1(head, (name) => bytes(find(head.layout, name)));
  if (head.version !== 2) throw new Error(`model weights format ${(head as { version: unknown }).version} is newer than this workbench understands`);
  const tensors: Record<string, Tensor> = {};
  for (const t of head.tensors) tensors[t.name] = checkShape(t.name, { shape: t.shape, data: new Float32Array(bytes(t)) });
  return {
    weights: { kind: head.kind, config: head.config, tensors },
    itemOf: new Int32Array(bytes(find(head.index, 'itemOf'))),
    userOf: new Int32Array(bytes(find(head.index, 'userOf'))),
  };
}

/**
 * The first format. Its header sized the RUM family's tables (`item` is nItems x dim, `user`
 * nUsers x dim); any other array (MostPopular's `counts`) is flat.
 */
function decodeV1(head: HeaderV1, get: (name: string) => ArrayBuffer): StoredArrays {
  const { kind, config = {}, nItems, nUsers } = head.meta;
  const rows: Record<string, number | undefined> = { item: nItems, user: nUsers };
  const tensors: Record<string, Tensor> = {};
  for (const e of head.layout) {
    if (e.name === 'itemOf' || e.name === 'userOf') continue;
    const n = rows[e.name];
    tensors[e.name] = checkShape(e.name, { shape: n === undefined ? [e.length] : [n, config.dim], data: new Float32Array(get(e.name)) });
  }
  return { weights: { kind, config, tensors }, itemOf: new Int32Array(get('itemOf')), userOf: new Int32Array(get('userOf')) };
}

function checkShape(name: string, t: Tensor): Tensor {
  const size = t.shape.reduce((a, b) => a * b, 1);
  if (size !== t.data.length) throw new Error(`model weights tensor ${name} has ${t.data.length} values, its shape [${t.shape.join(', ')}] needs ${size}`);
  return t;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
