import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { interactive, interactiveMarks, yieldToInteractive } from './interactive';

describe('interactive work goes first', () => {
  it('returns at once when nothing interactive ran lately', () => {
    const start = Date.now();
    yieldToInteractive(interactiveMarks());
    yieldToInteractive(undefined);
    expect(Date.now() - start).toBeLessThan(20);
  });

  it('sleeps while an interactive call runs on another thread, and for the quiet time after it', async () => {
    // Another thread plays the host: it marks a call as running, ends it after 120 ms and
    // leaves a quiet time of 100 ms, as interactive() does. This thread is the background work.
    const m = { buffer: new SharedArrayBuffer(8), epoch: Date.now() };
    const v = new Int32Array(m.buffer);
    Atomics.store(v, 0, 1);
    const code = `
      const { workerData } = require('node:worker_threads');
      const v = new Int32Array(workerData.buffer);
      setTimeout(() => {
        Atomics.store(v, 1, Date.now() - workerData.epoch + 100);
        Atomics.store(v, 0, 0);
      }, 120);`;
    const w = new Worker(code, { eval: true, workerData: m });
    const start = Date.now();
    yieldToInteractive(m);
    const waited = Date.now() - start;
    await w.terminate();
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(waited).toBeLessThan(2000);
    // And the host's own marks: a call through interactive() leaves the quiet time behind it.
    interactive(() => undefined);
    const again = Date.now();
    yieldToInteractive(interactiveMarks());
    expect(Date.now() - again).toBeGreaterThanOrEqual(100);
  });
});
