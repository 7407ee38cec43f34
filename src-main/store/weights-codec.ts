import type { Weights } from '../core/train/trainer';

/**
 * A model's arrays as one BLOB: a JSON header (shapes, byte offsets) then the raw little-endian
 * arrays, 8-byte aligned. Raw Float32 keeps a 25k x 50 table at 5 MB instead of ~25 MB of
 * JSON, and loads without parsing.
 */
export interface StoredArrays {
  weights: Weights;
  /** Model item index -> dataset item index; model user index -> dataset user index. */
  itemOf: Int32Array;
  userOf: Int32Array;
}

type Named = [string, Float32Array | Int32Array];

export function encodeWeights(s: StoredArrays): Buffer {
  const w = s.weights;
  const arrays: Named[] = [
    ['itemOf', s.itemOf],
    ['userOf', s.userOf],
  ];
  let meta: Record<string, unknown> = { kind: w.kind };
  if (w.kind === 'pop') arrays.push(['counts', w.counts]);
  else {
    arrays.push(['item', w.params.item], ['user', w.params.user]);
    meta = { ...meta, config: w.params.config, nUsers: w.params.nUsers, nItems: w.params.nItems };
  }
  let offset = 0;
  const layout = arrays.map(([name, a]) => {
    const entry = { name, type: a instanceof Float32Array ? 'f32' : 'i32', offset, length: a.length };
    offset += align8(a.byteLength);
    return entry;
  });
  const header = Buffer.from(JSON.stringify({ version: 1, meta, layout }));
  const headerLen = align8(4 + header.length);
  const out = Buffer.alloc(headerLen + offset);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  arrays.forEach(([, a], k) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, headerLen + layout[k].offset));
  return out;
}

export function decodeWeights(buf: Buffer): StoredArrays {
  const len = buf.readUInt32LE(0);
  const { version, meta, layout } = JSON.parse(buf.subarray(4, 4 + len).toString()) as {
    version: number;
    meta: Record<string, unknown>;
    layout: { name: string; type: 'f32' | 'i32'; offset: number; length: number }[];
  };
  if (version !== 1) throw new Error(`model weights format ${version} is newer than this workbench understands`);
  const base = align8(4 + len);
  const get = (name: string) => {
    const e = layout.find((l) => l.name === name);
    if (!e) throw new Error(`model weights lack ${name}`);
    // Copy out: the BLOB's Buffer may be pooled or unaligned for a typed-array view.
    const bytes = buf.subarray(base + e.offset, base + e.offset + e.length * 4);
    const ab = new ArrayBuffer(bytes.length);
    new Uint8Array(ab).set(bytes);
    return e.type === 'f32' ? new Float32Array(ab) : new Int32Array(ab);
  };
  const itemOf = get('itemOf') as Int32Array;
  const userOf = get('userOf') as Int32Array;
  if (meta.kind === 'pop') return { weights: { kind: 'pop', counts: get('counts') as Float32Array }, itemOf, userOf };
  return {
    weights: {
      kind: meta.kind as 'rum-item' | 'bpr' | 'fpmc',
      params: {
        config: meta.config as never,
        nUsers: meta.nUsers as number,
        nItems: meta.nItems as number,
        item: get('item') as Float32Array,
        user: get('user') as Float32Array,
      },
    },
    itemOf,
    userOf,
  };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
