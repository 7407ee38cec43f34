import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { benchLog } from './bench-log';
import { describeTorchReference, torchReference } from './torch-reference';

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
  wasm: Speed;
  wasmTwoThreads: Speed;
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
    '2-thread columns: one epoch with `threads: 2` (a helper thread trains half of the shuffled order on the shared tables, Hogwild-style).',
    'The fused kernel is the JS one (`gradients: kernel`, float64 sums); the wasm kernel is the same step on WebAssembly SIMD (`gradients: wasm`, float32, rum-item/kernel-wasm.ts).',
    '',
    '| data | users | items | events | training examples | fused kernel ex/s | fused kernel, 2 threads ex/s | wasm kernel ex/s | wasm kernel, 2 threads ex/s | s / epoch (kernel) | s / epoch (wasm) | tfjs autodiff ex/s (wasm) | tfjs autodiff ex/s (cpu) | full-ranking evaluation, all users | the same, every item scored (before) | items scored in full per user, users ranked densely | peak RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| Baby x${r.scale} | ${k(r.users)} | ${k(r.items)} | ${k(r.events)} | ${k(r.trainingExamples)} | ${k(r.kernel.examplesPerSecond)} | ${k(r.twoThreads.examplesPerSecond)} | ` +
        `${k(r.wasm.examplesPerSecond)} | ${k(r.wasmTwoThreads.examplesPerSecond)} | ` +
        `${(r.trainingExamples / r.kernel.examplesPerSecond).toFixed(2)} | ${(r.trainingExamples / r.wasm.examplesPerSecond).toFixed(2)} | ${r.tfWasm ? k(r.tfWasm.examplesPerSecond) : 'n/a'} | ${k(r.tfCpu.examplesPerSecond)} | ` +
        `${r.evalSeconds.toFixed(2)} s (${k(r.evalUsers)} users) | ${r.denseEvalSeconds.toFixed(2)} s | ${r.scoredPerUser.toFixed(0)} of ${k(r.items)}, ${k(r.denseUsers)} | ${r.maxRssMB.toFixed(0)} MB |`,
    ),
    '',
    `Aims: evaluate all Baby x10 users under 10 s; memory linear in the data; per epoch (below) at least twice as fast as PyTorch.`,
    'Evaluation ranks by bound (core/model/rum-item/rank-pruned.ts): an item\u2019s logit is at most (p_u + alpha c) q_i + |alpha| r |q_i|, with c the',
    'centre of a ball of radius r around the memory rows; items are read by decreasing norm until |q_i| (|p_u + alpha c| + |alpha| r) falls below the',
    'N-th best exact logit, and only items whose bound reaches it are scored in full, with the same lists as scoring every item; a user with more',
    'than 20 % of the catalogue to score is ranked densely instead. The model evaluated here has trained about two epochs (the epochs measured in this row).',
    `Peak RSS grew ${(results[1].maxRssMB / r1.maxRssMB).toFixed(2)}x for 10x the events (the baseline includes Node, tfjs and its wasm module).`,
    '',
    ...perEpochBesideTorch(),
  ];
  return lines.join('\n');
}

const EPOCHS = 4;

/** Mean seconds of the epochs after the first (V8's and torch's warm-up) of one `train` run in its own process. */
function workbenchEpoch(gradients: 'wasm' | 'kernel', threads: number): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'epoch-child.ts'), '1', gradients, String(threads), String(EPOCHS)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const epochs = (JSON.parse(out) as { epochs: number[] }).epochs.slice(1);
  return epochs.reduce((a, b) => a + b, 0) / epochs.length;
}

/**
 * The issue-13 aim, side by side in one run: an epoch of `rum-workbench train` (training and its
 * validation, default settings) against scale/train_rum.py --bench, the PyTorch implementation of
 * the same model, examples, loss, optimiser and validation, on the same log.
 */
function perEpochBesideTorch(): string[] {
  const torch = torchReference({ log: benchLog(1) }, { threads: [1, 2], epochs: EPOCHS });
  const rows: [string, number][] = [
    ['workbench, wasm kernel (the default), 1 thread', workbenchEpoch('wasm', 1)],
    ['workbench, wasm kernel, 2 threads (`--threads 2`)', workbenchEpoch('wasm', 2)],
    ['workbench, JS kernel (`--gradients kernel`), 1 thread', workbenchEpoch('kernel', 1)],
  ];
  const best = torch.measured ? Math.min(...torch.rows.map((r) => r.secondsPerEpoch)) : NaN;
  const ours = Math.min(rows[0][1], rows[1][1]);
  return [
    '### One epoch beside PyTorch (Baby x1, validation included)',
    '',
    `Each workbench row is \`runTrainTask\` (what \`train\` runs) for ${EPOCHS} epochs without early stopping, the mean of the epochs after the first;`,
    'an epoch is its training pass and the validation ranking of up to 1,000 sampled users, as the trainer runs them. Load average at the end: ' + loadavg()[0].toFixed(1) + '.',
    '',
    '| run | s / epoch | of PyTorch\u2019s best |',
    '|---|---|---|',
    ...rows.map(([what, sec]) => `| ${what} | ${sec.toFixed(2)} | ${torch.measured ? `${(best / sec).toFixed(2)}x as fast` : 'n/a'} |`),
    ...(torch.measured
      ? torch.rows.map((r) => `| PyTorch ${r.threads === 1 ? '1 thread' : `${r.threads} threads`} (${k(r.examplesPerSecond)} examples/s training) | ${r.secondsPerEpoch.toFixed(2)} (${r.trainSecondsPerEpoch.toFixed(2)} + ${r.validationSecondsPerEpoch.toFixed(2)} validation) | ${(best / r.secondsPerEpoch).toFixed(2)}x |`)
      : []),
    '',
    describeTorchReference(torch),
    torch.measured ? `Aim: at least 2x PyTorch per epoch, both on both cores: **${(best / ours).toFixed(2)}x** (the workbench's faster row against PyTorch's faster one).` : '',
    '',
  ];
}
