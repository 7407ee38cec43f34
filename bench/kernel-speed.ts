// Throughput of the fused item-level RUM training step (forward, backward, lazy Adam), one core.
// Batches are built beforehand so only the kernel is timed. Run: npx tsx bench/kernel-speed.ts
import { Rng } from '../src-main/core/random';
import { initRumItemParams } from '../src-main/core/model/params';
import { createRumItemBatch, RumItemScratch, SparseAdam, trainBatch, type RumItemBatch } from '../src-main/core/model/rum-item-kernel';

const dim = Number(process.env.DIM ?? 32);
const slots = Number(process.env.K ?? 20);
const batchSize = 512;
const C = 2; // one positive, one negative
const nUsers = 2000;
const nItems = 25000;
const rng = new Rng(1);
const params = initRumItemParams({ dim, slots, alpha: 0.2, beta: 1 }, nUsers, nItems, rng);

// Examples as a trainer makes them: consecutive positions of one user's sequence, so the memory
// of neighbouring examples overlaps; batches then mix users (shuffled positions would too).
function makeBatches(n: number): RumItemBatch[] {
  const out: RumItemBatch[] = [];
  for (let j = 0; j < n; j++) {
    const batch = createRumItemBatch(batchSize, slots, C);
    batch.size = batchSize;
    for (let b = 0; b < batchSize; b++) {
      batch.users[b] = rng.int(nUsers);
      const L = Math.min(slots, rng.int(3 * slots));
      batch.memoryLength[b] = L;
      for (let k = 0; k < L; k++) batch.memory[b * slots + k] = rng.int(nItems);
      batch.candidates[b * C] = rng.int(nItems);
      batch.labels[b * C] = 1;
      batch.candidates[b * C + 1] = rng.int(nItems);
    }
    out.push(batch);
  }
  return out;
}

const batches = makeBatches(100);
const opt = new SparseAdam(params, { lr: 0.001 });
const scratch = new RumItemScratch(params, batchSize, C);
for (let r = 0; r < 3; r++) for (const b of batches) trainBatch(params, b, opt, 1e-4, scratch);
const rounds = 10;
const t0 = performance.now();
let loss = 0;
for (let r = 0; r < rounds; r++) for (const b of batches) loss += trainBatch(params, b, opt, 1e-4, scratch);
const seconds = (performance.now() - t0) / 1000;
const examples = rounds * batches.length * batchSize;
const memFilled = batches.reduce((s, b) => s + b.memoryLength.reduce((x, y) => x + y, 0), 0) / (batches.length * batchSize);
console.log(
  `dim ${dim}, K ${slots} (mean filled ${memFilled.toFixed(1)}), C ${C}, batch ${batchSize}: ` +
    `${Math.round(examples / seconds).toLocaleString('en')} examples/s (${((seconds * 1000) / (rounds * batches.length)).toFixed(2)} ms/batch), mean loss ${(loss / (rounds * batches.length)).toFixed(4)}`,
);
