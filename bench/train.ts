import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface Speed {
  examplesPerSecond: number;
  batches: number;
}
interface ChildResult {
  scale: number;
  users: number;
  items: number;
  events: number;
  trainingExamples: number;
  backend: string;
  tried: { name: string; error?: string }[];
  kernel: Speed;
  twoThreads: Speed;
  tfWasm?: Speed;
  tfCpu: Speed;
  evalSeconds: number;
  evalUsers: number;
  denseEvalSeconds: number;
  scoredPerUser: number;
  denseUsers: number;
  maxRssMB: number;
}

function run(scale: number): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'train-child.ts'), String(scale)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out) as ChildResult;
}

const k = (x: number) => Math.round(x).toLocaleString('en');

export async function benchTrain(): Promise<string> {
  const results = [1, 10].map(run);
  const r1 = results[0];
  const lines = [
    '## Training and evaluation speed (issue 4)',
    '',
    `Item-level RUM, D 32, K 20, 1 negative, batches of 512, sparse lazy Adam, on generated logs shaped like the paper's`,
    `Baby Care set and 10 times that (synthetic-log.ts). Backend chosen at start-up: **${r1.backend}**` +
      ` (${r1.tried.map((t) => (t.error ? `${t.name}: ${t.error.split('\n')[0].slice(0, 80)}` : `${t.name}: loaded`)).join('; ')}).`,
    'Training throughput includes negative sampling and batch building; each figure is one process, one core, except the',
    '2-thread column: one epoch with `threads: 2` (a helper thread trains half of the shuffled order on the shared tables, Hogwild-style).',
    '',
    '| data | users | items | events | training examples | fused kernel ex/s | fused kernel, 2 threads ex/s | s / epoch (kernel) | tfjs autodiff ex/s (wasm) | tfjs autodiff ex/s (cpu) | full-ranking evaluation, all users | the same, every item scored (before) | items scored in full per user, users ranked densely | peak RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| Baby x${r.scale} | ${k(r.users)} | ${k(r.items)} | ${k(r.events)} | ${k(r.trainingExamples)} | ${k(r.kernel.examplesPerSecond)} | ${k(r.twoThreads.examplesPerSecond)} | ` +
        `${(r.trainingExamples / r.kernel.examplesPerSecond).toFixed(2)} | ${r.tfWasm ? k(r.tfWasm.examplesPerSecond) : 'n/a'} | ${k(r.tfCpu.examplesPerSecond)} | ` +
        `${r.evalSeconds.toFixed(2)} s (${k(r.evalUsers)} users) | ${r.denseEvalSeconds.toFixed(2)} s | ${r.scoredPerUser.toFixed(0)} of ${k(r.items)}, ${k(r.denseUsers)} | ${r.maxRssMB.toFixed(0)} MB |`,
    ),
    '',
    `Aims: match ~180,000 examples/s (an independent PyTorch CPU implementation, both cores); evaluate all Baby x10 users under 10 s; memory linear in the data.`,
    'Evaluation ranks by bound (core/model/rum-item/rank-pruned.ts): an item\u2019s logit is at most its intrinsic part plus |alpha| |q_i| max_k |q_mk|, so',
    'only items whose bound reaches the N-th best exact logit are scored in full, with the same lists as scoring every item; a user whose',
    'bounds do not prune (more than 3 % of the catalogue reaching) is ranked densely instead. The model evaluated here has trained',
    'about two epochs (the epochs measured in this row), so it prunes less than a fully trained one.',
    `Peak RSS grew ${(results[1].maxRssMB / r1.maxRssMB).toFixed(2)}x for 10x the events (the baseline includes Node, tfjs and its wasm module).`,
    '',
  ];
  return lines.join('\n');
}
