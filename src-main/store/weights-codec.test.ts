import { describe, expect, it } from 'vitest';
import type { Weights } from '../core/model/model';
import { decodeWeights, encodeWeights } from './weights-codec';

/**
 * The encoder as it was before weights became named tensors (format 1), kept here verbatim in
 * substance so that a blob shaped like those in users' stores can be built and read back.
 */
function encodeV1(kind: string, arrays: [string, Float32Array | Int32Array][], meta: Record<string, unknown>): Buffer {
  let offset = 0;
  const layout = arrays.map(([name, a]) => {
    const entry = { name, type: a instanceof Float32Array ? 'f32' : 'i32', offset, length: a.length };
    offset += (a.byteLength + 7) & ~7;
    return entry;
  });
  const header = Buffer.from(JSON.stringify({ version: 1, meta: { kind, ...meta }, layout }));
  const headerLen = (4 + header.length + 7) & ~7;
  const out = Buffer.alloc(headerLen + offset);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  arrays.forEach(([, a], k) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, headerLen + layout[k].offset));
  return out;
}

const itemOf = Int32Array.from([4, 0, 7]);
const userOf = Int32Array.from([1, 2]);
// 3 items x dim 2 (odd byte counts are avoided nowhere: 3 x 4 bytes needs padding to 8).
const item = Float32Array.from([0.5, -1.25, 3, 0.125, -0.75, 2.5]);
const user = Float32Array.from([1, 2, -3, 0.25]);
const config = { dim: 2, slots: 1, alpha: 1, beta: 0.5 };

describe('the weights codec', () => {
  it('reads a RUM-family blob of the first format as the same tables, by name and shape', () => {
    const blob = encodeV1('fpmc', [['itemOf', itemOf], ['userOf', userOf], ['item', item], ['user', user]], { config, nUsers: 2, nItems: 3 });
    const s = decodeWeights(blob);
    expect(s.weights).toEqual({ kind: 'fpmc', config, tensors: { item: { shape: [3, 2], data: item }, user: { shape: [2, 2], data: user } } });
    expect(s.itemOf).toEqual(itemOf);
    expect(s.userOf).toEqual(userOf);
  });

  it("reads MostPopular's first-format blob as its counts", () => {
    const counts = Float32Array.from([5, 0, 2]);
    const s = decodeWeights(encodeV1('pop', [['itemOf', itemOf], ['userOf', userOf], ['counts', counts]], {}));
    expect(s.weights).toEqual({ kind: 'pop', config: {}, tensors: { counts: { shape: [3], data: counts } } });
  });

  it('round-trips any named tensors with their shapes (a model it has never heard of)', () => {
    const weights: Weights = {
      kind: 'some-future-model',
      config: { layers: 2, dim: 3 },
      tensors: {
        'block0.wq': { shape: [3, 3], data: Float32Array.from({ length: 9 }, (_, i) => i / 7) },
        bias: { shape: [3], data: Float32Array.from([1, -1, 0.5]) },
        empty: { shape: [0, 3], data: new Float32Array(0) },
      },
    };
    const s = decodeWeights(encodeWeights({ weights, itemOf, userOf }));
    expect(s.weights).toEqual(weights);
    expect(s.itemOf).toEqual(itemOf);
    expect(s.userOf).toEqual(userOf);
  });

  it('reads from an unaligned, pooled buffer (as SQLite hands BLOBs over)', () => {
    const blob = encodeWeights({ weights: { kind: 'pop', config: {}, tensors: { counts: { shape: [3], data: Float32Array.from([1, 2, 3]) } } }, itemOf, userOf });
    const shifted = Buffer.alloc(blob.length + 3);
    blob.copy(shifted, 3);
    expect(decodeWeights(shifted.subarray(3)).weights.tensors.counts.data).toEqual(Float32Array.from([1, 2, 3]));
  });

  it('refuses a tensor whose data does not fill its shape, and a format from the future', () => {
    const bad: Weights = { kind: 'x', config: {}, tensors: { t: { shape: [2, 2], data: new Float32Array(3) } } };
    expect(() => encodeWeights({ weights: bad, itemOf, userOf })).toThrow(/tensor t has 3 values, its shape \[2, 2\] needs 4/);
    const header = Buffer.from(JSON.stringify({ version: 3 }));
    const future = Buffer.alloc(8 + header.length);
    future.writeUInt32LE(header.length, 0);
    header.copy(future, 4);
    expect(() => decodeWeights(future)).toThrow(/format 3 is newer/);
  });
});
