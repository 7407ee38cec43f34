// SASRec's forward: causality, padding, and the plain-JS forward (score, rank, attention) equal
// to the batched tfjs forward that training differentiates.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../engine/backend';
import { Rng } from '../../random';
import { sasrecForward, sasrecForwardWindow } from './forward';
import { initSasrecParams, type SasrecParams } from './params';
import { attentionBias, denseNames, sasrecForwardTf, type DenseTensors } from './tf';

const D = 8;
const L = 7;
const N = 30;

/** Parameters with non-trivial layer norms and biases, so every part of a block matters. */
function randomParams(seed: number): SasrecParams {
  const rng = new Rng(seed);
  const params = initSasrecParams({ dim: D, maxLength: L, blocks: 2 }, N, rng, 0.5);
  for (const [name, a] of Object.entries(params.p)) {
    if (name.endsWith('gamma')) for (let i = 0; i < a.length; i++) a[i] = 1 + 0.3 * rng.normal();
    else if (a.length === D) for (let i = 0; i < a.length; i++) a[i] = 0.2 * rng.normal();
  }
  return params;
}

/** The tfjs forward over windows (each at most L, left-padded to the longest): outputs [W,T,D] and last attention [W,T,T]. */
function forwardTf(params: SasrecParams, windows: number[][]): { outputs: Float32Array; attention: Float32Array; T: number } {
  const W = windows.length;
  const T = Math.max(...windows.map((w) => w.length));
  const inputs = new Float32Array(W * T * D);
  const mask = new Float32Array(W * T);
  const starts = windows.map((w) => T - w.length);
  windows.forEach((win, w) =>
    win.forEach((item, k) => {
      const r = w * T + starts[w] + k;
      inputs.set(params.p.item.subarray(item * D, (item + 1) * D), r * D);
      mask[r] = 1;
    }),
  );
  return tf.tidy(() => {
    const named: DenseTensors = {};
    for (const name of denseNames(params.config)) {
      named[name] = name === 'position' ? tf.tensor2d(params.p.position.subarray((L - T) * D), [T, D]) : tf.tensor(params.p[name]);
    }
    for (const name of Object.keys(named)) if (params.p[name]?.length === D * D) named[name] = tf.reshape(named[name], [D, D]);
    const batch = {
      inputs: tf.tensor3d(inputs, [W, T, D]),
      mask: tf.tensor2d(mask, [W, T]),
      attentionBias: tf.tensor3d(attentionBias(starts, W, T), [W, T, T]),
    };
    const f = sasrecForwardTf(params.config, named, batch);
    return { outputs: f.outputs.dataSync() as Float32Array, attention: f.attention.dataSync() as Float32Array, T };
  });
}

describe('plain-JS forward', () => {
  const params = randomParams(1);

  it('is causal: changing a later purchase never changes an earlier position', () => {
    const seq = Int32Array.from([3, 17, 8, 25, 1, 12]);
    const base = sasrecForwardWindow(params, seq).outputs;
    for (let j = 0; j < seq.length; j++) {
      const changed = seq.slice();
      changed[j] = (seq[j] + 11) % N;
      const out = sasrecForwardWindow(params, changed).outputs;
      expect(Array.from(out.subarray(0, j * D))).toEqual(Array.from(base.subarray(0, j * D)));
      // ... and does change the position it sits at.
      expect(Array.from(out.subarray(j * D, (j + 1) * D))).not.toEqual(Array.from(base.subarray(j * D, (j + 1) * D)));
    }
  });

  it('reads the last L real purchases: padding and older ones are skipped, attention sums to 1', () => {
    const history = [4, 9, 2, -1, 7, 5, -1, 11, 6, 0, 13];
    const f = sasrecForward(params, history);
    expect(Array.from(f.items)).toEqual([2, 7, 5, 11, 6, 0, 13]);
    expect(f.attention).toHaveLength(L);
    expect(f.attention.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(f.attention.every((z) => z > 0)).toBe(true);
    const short = sasrecForward(params, [-1, 3, -1]);
    expect(Array.from(short.items)).toEqual([3]);
    expect(Array.from(short.attention)).toEqual([1]);
    expect(sasrecForward(params, []).attention).toHaveLength(0);
    expect(() => sasrecForward(params, [N])).toThrow(/history item id 30 outside/);
  });
});

describe.each(['cpu', 'wasm'])('tfjs forward on %s', (backend) => {
  const params = randomParams(2);
  beforeAll(async () => {
    await initBackend();
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('equals the plain-JS forward at every real position (outputs to 1e-5, attention too); padding gets 0', () => {
    const windows = [[3, 17, 8, 25, 1, 12, 4], [9, 2], [20], [5, 5, 6, 0]];
    const { outputs, attention, T } = forwardTf(params, windows);
    windows.forEach((win, w) => {
      const start = T - win.length;
      const ref = sasrecForwardWindow(params, Int32Array.from(win));
      for (let k = 0; k < win.length; k++) {
        for (let d = 0; d < D; d++) expect(Math.abs(outputs[((w * T + start + k) * D + d)] - ref.outputs[k * D + d])).toBeLessThan(1e-5);
      }
      // Padding rows are zero (either sign).
      for (let r = 0; r < start; r++) for (let d = 0; d < D; d++) expect(Math.abs(outputs[(w * T + r) * D + d])).toBe(0);
      // The last position's attention row: the JS attention on the real keys, exactly 0 on padding.
      const row = attention.subarray((w * T + T - 1) * T, (w * T + T) * T);
      for (let s = 0; s < start; s++) expect(row[s]).toBe(0);
      for (let k = 0; k < win.length; k++) expect(Math.abs(row[start + k] - ref.attention[k])).toBeLessThan(1e-5);
      expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
      // Causal: every real query puts exactly 0 on later keys.
      for (let t = start; t < T; t++) for (let s = t + 1; s < T; s++) expect(attention[(w * T + t) * T + s]).toBe(0);
    });
  });

  it('is causal: changing a later purchase never changes an earlier position', () => {
    const win = [3, 17, 8, 25, 1, 12];
    const base = forwardTf(params, [win, [1, 2]]);
    for (let j = 0; j < win.length; j++) {
      const changed = win.slice();
      changed[j] = (win[j] + 11) % N;
      const out = forwardTf(params, [changed, [1, 2]]);
      expect(Array.from(out.outputs.subarray(0, j * D))).toEqual(Array.from(base.outputs.subarray(0, j * D)));
      expect(Array.from(out.outputs.subarray(j * D, (j + 1) * D))).not.toEqual(Array.from(base.outputs.subarray(j * D, (j + 1) * D)));
      // The other window of the batch is untouched.
      expect(Array.from(out.outputs.subarray(win.length * D))).toEqual(Array.from(base.outputs.subarray(win.length * D)));
    }
  });
});
