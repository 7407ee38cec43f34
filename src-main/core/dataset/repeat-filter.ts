/**
 * A Bloom filter over (user, item, time): says "new" for a key never added, and "maybe seen"
 * for one added before or, rarely, for a new one. The importer's staging table
 * (store/import-staging.ts) only checks the "maybe" rows for duplicates exactly, so a log
 * without duplicates needs no index over its rows at all. A fixed number of bits, whatever the
 * number of rows: a fuller filter only says "maybe" more often.
 */
export class RepeatFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;
  private readonly timeBits = new Float64Array(1);
  private readonly timeWords = new Int32Array(this.timeBits.buffer);

  /** @param bits rounded up to a power of two, at least 2^16. */
  constructor(bits: number) {
    const size = Math.max(1 << 16, 2 ** Math.ceil(Math.log2(Math.max(1, bits))));
    this.bits = new Int32Array(size / 32);
    this.mask = size - 1;
  }

  /** Adds the key; true when it may have been added before (always, if it was). */
  addMaybeSeen(user: number, item: number, time: number): boolean {
    this.timeBits[0] = Number.isNaN(time) ? NaN : time; // one NaN bit pattern for "no time"
    const lo = this.timeWords[0];
    const hi = this.timeWords[1];
    // Two independent 32-bit hashes; probe k is h1 + k * h2 (Kirsch and Mitzenmacher).
    const h1 = mix(Math.imul(user, 0x9e3779b1) ^ Math.imul(item + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(lo, 0xc2b2ae3d) ^ Math.imul(hi, 0x27d4eb2f));
    const h2 = mix(Math.imul(item, 0x165667b1) ^ Math.imul(user + 0x61c88647, 0xd3a2646c) ^ Math.imul(hi ^ 0x5bd1e995, 0x7feb352d) ^ Math.imul(lo + 1, 0x846ca68b)) | 1;
    let seen = true;
    for (let k = 0, h = h1; k < PROBES; k++, h = (h + h2) | 0) {
      const bit = h & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.bits[word] & flag) === 0) {
        seen = false;
        this.bits[word] |= flag;
      }
    }
    return seen;
  }
}

/** Three probes: with 16 bits a key, about 1 new key in 200 is taken for seen; with 32, 1 in 1,400. */
const PROBES = 3;

function mix(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}
