// Test-only: a RUM-family training batch written out by hand, shared by the JS and wasm kernels' tests.
import { createRumItemBatch, type RumItemBatch } from './kernel';

export interface Example {
  user: number;
  memory: number[];
  candidates: number[];
  /** Defaults to 1 for the first candidate (the positive) and 0 for the rest. */
  labels?: number[];
}

export function makeBatch(examples: Example[], slots: number, C: number): RumItemBatch {
  const batch = createRumItemBatch(examples.length, slots, C);
  batch.size = examples.length;
  examples.forEach((e, b) => {
    batch.users[b] = e.user;
    batch.memoryLength[b] = e.memory.length;
    e.memory.forEach((m, k) => (batch.memory[b * slots + k] = m));
    e.candidates.forEach((c, j) => {
      batch.candidates[b * C + j] = c;
      batch.labels[b * C + j] = e.labels ? e.labels[j] : j === 0 ? 1 : 0;
    });
  });
  return batch;
}
