// The PyTorch reference for the training benchmark: scale/train_rum.py --bench (item-level RUM in
// idiomatic PyTorch: sparse embeddings, SparseAdam, the same examples, loss, defaults and
// validation as the workbench) timed on the same data at 1 and 2 torch threads, one process.
// Figures are measured, never asserted (machines differ); a machine without torch for
// /usr/bin/python3 gets a result that says so instead of numbers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { interactionsToCsv } from '../src-main/core/dataset/synthetic-log';
import type { Interactions } from '../src-main/core/dataset/split';

const ROOT = resolve(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'scale', 'train_rum.py');
/** Debian's python3-torch is installed for the system interpreter, not for a pyenv python3 on PATH. */
export const TORCH_PYTHON = '/usr/bin/python3';

/** What to train on: a dataset in a store, a CSV log, or a generated log (written to a temporary CSV). */
export type TorchReferenceInput = { store: string; datasetId: number } | { csv: string } | { log: Interactions };

export interface TorchReferenceOptions {
  /** Torch thread counts to measure, one process each (default [1, 2]). */
  threads?: number[];
  /** Epochs per measurement; the first is a warm-up and left out of the means when there are more (default 3). */
  epochs?: number;
  python?: string;
  /** Per measurement (default 30 minutes). */
  timeoutMs?: number;
}

export interface TorchReferenceRow {
  threads: number;
  /** Mean seconds of an epoch after the first: training (sampling and batch building included) and validation. */
  secondsPerEpoch: number;
  /** Training examples over training seconds, the same definition as the workbench kernel's figure. */
  examplesPerSecond: number;
  trainSecondsPerEpoch: number;
  validationSecondsPerEpoch: number;
  /** Epochs the means are over. */
  measuredEpochs: number;
}

export type TorchReference =
  | { measured: true; torch: string; users: number; items: number; events: number; examples: number; rows: TorchReferenceRow[] }
  | { measured: false; reason: string };

interface BenchLine {
  torch: string;
  threads: number;
  users: number;
  items: number;
  events: number;
  examples: number;
  epochs: { seconds: number; trainSeconds: number; validationSeconds: number }[];
  measuredEpochs: number;
  secondsPerEpoch: number;
  trainSecondsPerEpoch: number;
  examplesPerSecond: number;
}

/** Why torch cannot be measured here, or undefined when it can. */
export function torchMissing(python = TORCH_PYTHON): string | undefined {
  if (!existsSync(python)) return `not measured: ${python} not found`;
  const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) return `not measured: torch not installed for ${python} (Debian: apt install python3-torch)`;
  return undefined;
}

/** Runs scale/train_rum.py --bench once per thread count on `input` and gathers its figures. */
export function torchReference(input: TorchReferenceInput, options: TorchReferenceOptions = {}): TorchReference {
  const python = options.python ?? TORCH_PYTHON;
  const missing = torchMissing(python);
  if (missing) return { measured: false, reason: missing };
  let tmp: string | undefined;
  try {
    let source: string[];
    if ('log' in input) {
      tmp = mkdtempSync(join(tmpdir(), 'rum-torch-ref-'));
      const csv = join(tmp, 'log.csv');
      writeFileSync(csv, interactionsToCsv(input.log));
      source = ['--csv', csv];
    } else if ('csv' in input) {
      source = ['--csv', input.csv];
    } else {
      source = ['--store', input.store, '--dataset', String(input.datasetId)];
    }
    const lines = (options.threads ?? [1, 2]).map((threads) => {
      const args = [SCRIPT, ...source, '--bench', '--threads', String(threads), '--epochs', String(options.epochs ?? 3), '--quiet'];
      const r = spawnSync(python, args, {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        timeout: options.timeoutMs ?? 30 * 60_000,
        // OpenMP and MKL read these at start; torch.set_num_threads (--threads) sets the rest.
        env: { ...process.env, OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) },
      });
      if (r.status !== 0) {
        const why = r.error?.message ?? (r.stderr.trim().split('\n').pop() || `exit ${r.status}`);
        throw new Error(`scale/train_rum.py --bench --threads ${threads} failed: ${why}`);
      }
      const out = r.stdout.trim().split('\n');
      return JSON.parse(out[out.length - 1]) as BenchLine;
    });
    const first = lines[0];
    return {
      measured: true,
      torch: first.torch,
      users: first.users,
      items: first.items,
      events: first.events,
      examples: first.examples,
      rows: lines.map((l) => {
        const measured = l.epochs.length > 1 ? l.epochs.slice(1) : l.epochs;
        return {
          threads: l.threads,
          secondsPerEpoch: l.secondsPerEpoch,
          examplesPerSecond: l.examplesPerSecond,
          trainSecondsPerEpoch: l.trainSecondsPerEpoch,
          validationSecondsPerEpoch: measured.reduce((s, e) => s + e.validationSeconds, 0) / measured.length,
          measuredEpochs: l.measuredEpochs,
        };
      }),
    };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/** One sentence for BENCHMARKS.md: the reference's figures, or why there are none. */
export function describeTorchReference(r: TorchReference): string {
  if (!r.measured) return `PyTorch reference (scale/train_rum.py --bench): ${r.reason}.`;
  const k = (x: number) => Math.round(x).toLocaleString('en');
  const rows = r.rows.map(
    (row) =>
      `${row.threads} thread${row.threads === 1 ? '' : 's'}: ${k(row.examplesPerSecond)} examples/s, ` +
      `${row.secondsPerEpoch.toFixed(2)} s/epoch (${row.trainSecondsPerEpoch.toFixed(2)} s training + ${row.validationSecondsPerEpoch.toFixed(2)} s validation)`,
  );
  return (
    `PyTorch reference (scale/train_rum.py --bench, torch ${r.torch}, one process, sparse embeddings + SparseAdam, ` +
    `${k(r.examples)} training examples an epoch, means over ${r.rows[0]?.measuredEpochs ?? 0} epochs after a warm-up one): ${rows.join('; ')}.`
  );
}
