// Throughput of the fused item-level RUM training step (forward, backward, lazy Adam) on one
// core, D = 32, K = 20, one negative, batch 512. Batches are built beforehand: only the kernel is
// timed. Two workloads, because the cost grows with the filled memory slots and the distinct rows
// per batch:
//  - "sequences": Amazon-like logs (about 25 purchases per user, Zipf item popularity, 25k items);
//    examples are every position of every user's sequence, shuffled, memory = the previous <= K
//  - "worst case": every example has all K slots filled with uniformly random items.
// Run: npx tsx bench/kernel-speed.ts  (best of 5 timed passes; other load on the machine skews it)
import { Rng } from '../src-main/core/random';
import { initRumItemParams } from '../src-main/core/model/rum-item/params';
import { createRumItemBatch, RumItemScratch, SparseAdam, trainBatch, type RumItemBatch } from '../src-main/core/model/rum-item/kernel';

const dim = 32;
const K = 20;
const B = 512;
const C = 2;
const nUsers = 2000;
const nItems = 25000;

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

function measure(name: string, batches: RumItemBatch[]): void {
  const params = initRumItemParams({ dim, slots: K, alpha: 0.2, beta: 1 }, nUsers, nItems, new Rng(1));
  const opt = new SparseAdam(params, { lr: 0.001 });
  const scratch = new RumItemScratch(params, B, C);
  for (const b of batches) trainBatch(params, b, opt, 1e-4, scratch);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (const b of batches) trainBatch(params, b, opt, 1e-4, scratch);
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const filled = batches.reduce((s, b) => s + b.memoryLength.reduce((x, y) => x + y, 0), 0) / (batches.length * B);
  console.log(
    `${name}: ${Math.round((batches.length * B) / best).toLocaleString('en')} examples/s ` +
      `(${((best * 1000) / batches.length).toFixed(2)} ms/batch; mean filled slots ${filled.toFixed(1)}, ` +
      `distinct items in the last batch ${scratch.item.count})`,
  );
}

const rng = new Rng(7);
const seq = toBatches(sequenceExamples(rng), rng);
measure(`sequences, ${seq.length} batches`, seq);
measure('worst case, 60 batches', toBatches(worstCaseExamples(rng, 60 * B), rng));
