// Seconds to rank every item for every user of a Baby-sized model (the paper's Table 1, in docs/protocol.md) on each
// ranking path; the product aims at under 10 s on the 2-core development machine.
// Run: node --import tsx bench/rank-speed.ts
// Env: PATHS=wasm,cpu,js,pruned,pruned-js  BATCHES=16,32,64 (tfjs batch sizes to try)  USERS=n (rank
// only the first n users and extrapolate to all; the cpu backend takes minutes on the full set).
// The model is untrained (random tables and memories), the pruned ranking's worst case: its bounds
// barely prune, and the figures of items scored show how far from dense it is. The js and wasm
// figures per item scored give the cost ratio behind rank-pruned.ts's DENSE_SHARE.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../src-main/core/random';
import { initRumItemParams } from '../src-main/core/model/rum-item/params';
import { initBackend } from '../src-main/engine/backend';
import { DEFAULT_BATCH_USERS, rankAllUsersJs, rankAllUsersTf } from '../src-main/core/model/rum-item/rank';
import { rankAllUsersPruned, type PruneStats } from '../src-main/core/model/rum-item/rank-pruned';
import { machineLine } from './machine';

const N_USERS = 2379;
const N_ITEMS = 14037;
const DIM = 32;
const K = 20;
const TOP = 5;
// Baby has 77198 ratings, about 32 per user; 70 % of them are training items to exclude.
const EXCLUDED_PER_USER = 23;

const paths = (process.env.PATHS ?? 'wasm,cpu,js,pruned,pruned-js').split(',');
const batches = (process.env.BATCHES ?? `${DEFAULT_BATCH_USERS},32,64,128`).split(',').map(Number);
const limit = Number(process.env.USERS ?? N_USERS);

const rng = new Rng(1);
const params = initRumItemParams({ dim: DIM, slots: K, alpha: 0.2, beta: 1 }, N_USERS, N_ITEMS, rng);
const all = Int32Array.from({ length: N_USERS }, (_, u) => u);
const memories = Array.from(all, () => Int32Array.from({ length: K }, () => rng.int(N_ITEMS)));
const excluded = Array.from(all, () => Int32Array.from({ length: EXCLUDED_PER_USER }, () => rng.int(N_ITEMS)));

type Ranker = typeof rankAllUsersTf;

/** Seconds for all users, extrapolated linearly when only `count` of them are ranked. */
function time(rank: Ranker, count: number, batch: number): { seconds: number; result: Int32Array[] } {
  const users = all.subarray(0, count);
  const t0 = performance.now();
  const result = rank(params, users, memories.slice(0, count), excluded.slice(0, count), TOP, batch);
  const seconds = ((performance.now() - t0) / 1000) * (N_USERS / count);
  return { seconds, result };
}

function agree(a: Int32Array[], b: Int32Array[]): string {
  let same = 0;
  for (let j = 0; j < Math.min(a.length, b.length); j++) if (a[j].join() === b[j].join()) same++;
  return `${same}/${Math.min(a.length, b.length)} users identical to the JS path`;
}

console.log(machineLine());
console.log(`model: ${N_USERS} users, ${N_ITEMS} items, D ${DIM}, K ${K} (memories full), top ${TOP}, ${EXCLUDED_PER_USER} excluded per user`);
const choice = await initBackend();
console.log(`initBackend: ${choice.backend} (tried ${choice.tried.map((t) => t.name + (t.error ? ' failed' : '')).join(', ')})`);

let reference: Int32Array[] | null = null;
if (paths.includes('js')) {
  const { seconds, result } = time(rankAllUsersJs, limit, 1);
  reference = result;
  const perItem = (seconds / N_USERS / N_ITEMS) * 1e6;
  console.log(`js: ${seconds.toFixed(2)} s${limit < N_USERS ? ` (extrapolated from ${limit} users)` : ''}, ${perItem.toFixed(3)} µs per item scored`);
}
// The pruned ranking (rank-pruned.ts), never dense, so that its own cost shows.
for (const how of (['tfjs', 'js'] as const).filter((h) => paths.includes(h === 'tfjs' ? 'pruned' : 'pruned-js'))) {
  if (how === 'tfjs') await tf.setBackend(choice.backend);
  const stats: PruneStats = { users: 0, scored: 0, dense: 0 };
  const pruned: Ranker = (p, u, m, x, n, b) => rankAllUsersPruned(p, u, m, x, n, b, stats, how, Infinity);
  const { seconds, result } = time(pruned, limit, 512);
  const check = reference ? `, ${agree(result, reference)}` : '';
  console.log(
    `pruned (bounds by ${how}): ${seconds.toFixed(2)} s${limit < N_USERS ? ` (extrapolated from ${limit} users)` : ''}, ` +
      `${(stats.scored / stats.users).toFixed(0)} items scored and ${(stats.scanned! / stats.users).toFixed(0)} bounds read per user${check}`,
  );
}
for (const backend of ['wasm', 'cpu'].filter((b) => paths.includes(b))) {
  await tf.setBackend(backend);
  // One small warm-up: kernel setup and wasm memory growth are not what this measures.
  rankAllUsersTf(params, all.subarray(0, 8), memories.slice(0, 8), excluded.slice(0, 8), TOP, 8);
  // cpu is ~40x slower than wasm: a sample of users is enough to see its rate.
  const count = backend === 'cpu' ? Math.min(limit, 128) : limit;
  for (const batch of backend === 'cpu' ? [DEFAULT_BATCH_USERS] : batches) {
    const { seconds, result } = time(rankAllUsersTf, count, batch);
    const check = reference ? `, ${agree(result, reference)}` : '';
    const note = count < N_USERS ? ` (extrapolated from ${count} users)` : '';
    const perItem = (seconds / N_USERS / N_ITEMS) * 1e6;
    console.log(`${backend} batch ${batch}: ${seconds.toFixed(2)} s${note}${check}, ${perItem.toFixed(3)} µs per item, ${(tf.memory().numBytes / 2 ** 20).toFixed(1)} MiB in tensors after`);
  }
}
