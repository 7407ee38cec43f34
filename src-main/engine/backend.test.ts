import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { currentBackend, initBackend } from './backend';

const ORDER = ['tensorflow', 'wasm', 'cpu'];

/** Whether tfjs-node (an optional dependency whose install downloads libtensorflow) is installed here. */
function tfjsNodeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

describe('initBackend', () => {
  let mainThread: string;

  it('runs the first of tensorflow, wasm, cpu that loads, recording why each one before it did not', async () => {
    const choice = await initBackend();
    mainThread = choice.backend;
    expect(ORDER).toContain(choice.backend);
    // The report is the truth: it names the backend tfjs actually runs on.
    expect(tf.getBackend()).toBe(choice.backend);
    expect(currentBackend()).toBe(choice.backend);
    expect(choice.tried.map((t) => t.name)).toEqual(ORDER.slice(0, ORDER.indexOf(choice.backend) + 1));
    expect(choice.tried.at(-1)).toEqual({ name: choice.backend });
    for (const failed of choice.tried.slice(0, -1)) expect(failed.error).toMatch(/\S/);
    if (!tfjsNodeInstalled()) expect(choice.tried[0]).toEqual({ name: 'tensorflow', error: expect.stringMatching(/tfjs-node/) });
    // The backend computes, not merely registers: [[1,2],[3,4]]·[[5,6],[7,8]] by hand.
    const y = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])).dataSync());
    expect(Array.from(y)).toEqual([19, 22, 43, 50]);
  });

  it('is idempotent', async () => {
    const first = await initBackend();
    const second = await initBackend('cpu');
    expect(second).toBe(first);
    expect(currentBackend()).toBe(first.backend);
  });

  // Each worker is a fresh tfjs engine, which also lets `prefer` be tried despite idempotence.
  it.each([
    [undefined, 'the main thread'],
    ['cpu', 'cpu'],
  ])('works inside a worker thread (prefer %s: runs on %s)', async (prefer, runsOn) => {
    const expected = runsOn === 'cpu' ? 'cpu' : (mainThread ?? (await initBackend()).backend);
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
