/**
 * Finds events identical in (user, item, time) to an earlier one. An open-addressing hash set
 * of event indices in an Int32Array: ~8 bytes an event, where a Map keyed by the triple cost
 * ~140 MB of heap on a million-row log and pushed the import over its memory budget.
 */
export class DuplicateIndex {
  private slots = new Int32Array(1 << 12).fill(-1);
  private count = 0;
  private readonly timeBits = new Float64Array(1);
  private readonly timeWords = new Int32Array(this.timeBits.buffer);

  /**
   * @param user, item, time: the event columns, read through getters because they grow and
   * are reallocated while the log is read.
   */
  constructor(
    private readonly user: () => Int32Array,
    private readonly item: () => Int32Array,
    private readonly time: () => Float64Array,
  ) {}

  /** True when an earlier event has this triple; otherwise remembers event `e` as having it. */
  seenOrAdd(e: number, u: number, i: number, t: number): boolean {
    // Grow first: rehashing reads the columns, which do not hold event e yet.
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let s = this.hash(u, i, t) & mask; ; s = (s + 1) & mask) {
      const other = this.slots[s];
      if (other === -1) {
        this.slots[s] = e;
        this.count++;
        return false;
      }
      if (this.user()[other] === u && this.item()[other] === i && sameTime(this.time()[other], t)) return true;
    }
  }

  private hash(u: number, i: number, t: number): number {
    this.timeBits[0] = Number.isNaN(t) ? NaN : t; // one NaN bit pattern for "no time"
    let h = Math.imul(u, 0x9e3779b1) ^ Math.imul(i + 0x7f4a7c15, 0x85ebca77);
    h ^= Math.imul(this.timeWords[0], 0xc2b2ae3d) ^ Math.imul(this.timeWords[1], 0x27d4eb2f);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) >>> 0;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    const user = this.user();
    const item = this.item();
    const time = this.time();
    for (const e of old) {
      if (e === -1) continue;
      let s = this.hash(user[e], item[e], time[e]) & mask;
      while (this.slots[s] !== -1) s = (s + 1) & mask;
      this.slots[s] = e;
    }
  }
}

function sameTime(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}
