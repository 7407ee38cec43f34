import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { currentBackend, initBackend } from './backend';

describe('initBackend', () => {
  it('falls back to wasm here, recording why tfjs-node did not load', async () => {
    const choice = await initBackend();
    expect(choice.backend).toBe('wasm');
    expect(choice.tried[0].name).toBe('tensorflow');
    expect(choice.tried[0].error).toMatch(/tfjs-node/);
    expect(choice.tried.at(-1)).toEqual({ name: 'wasm' });
    expect(currentBackend()).toBe('wasm');
    // The backend computes, not merely registers.
    const y = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 0, 0, 1], [2, 2])).dataSync());
    expect(Array.from(y)).toEqual([1, 2, 3, 4]);
  });

  it('is idempotent', async () => {
    const first = await initBackend();
    const second = await initBackend('cpu');
    expect(second).toBe(first);
    expect(currentBackend()).toBe('wasm');
  });

  // Each worker is a fresh tfjs engine, which also lets `prefer` be tried despite idempotence.
  it.each([
    [undefined, 'wasm'],
    ['cpu', 'cpu'],
  ])('works inside a worker thread (prefer %s)', async (prefer, expected) => {
    const backendTs = new URL('./backend.ts', import.meta.url).href;
    // eval'd worker code is plain CommonJS with no loader hooks (even with --import tsx), so the
    // TypeScript module is loaded through tsx's API.
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      import('tsx/esm/api')
        .then((tsx) => tsx.tsImport(${JSON.stringify(backendTs)}, ${JSON.stringify(backendTs)}))
        .then((m) => m.initBackend(workerData.prefer))
        .then((c) => parentPort.postMessage(c), (e) => parentPort.postMessage({ error: String(e) }));
    `;
    const worker = new Worker(code, { eval: true, workerData: { prefer } });
    try {
      const result = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(result).toMatchObject({ backend: expected });
    } finally {
      await worker.terminate();
    }
  });
});
