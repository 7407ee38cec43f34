// SASRec's training: its windows, its gradients (tfjs autodiff, with the item rows added back
// into the table) against finite differences, no tensor leaks, and the loss going down.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../engine/backend';
import { generateSequentialLog } from '../../dataset/synthetic-log';
import { timeOrderedSplit } from '../../dataset/split';
import { Rng } from '../../random';
import { DEFAULT_CONFIG } from '../../train/config';
import { fitEnds } from '../../train/examples';
import { initSasrecParams } from './params';
import { epochOrder, sasrecStepper, startSasrecTraining, trainingWindows } from './train';

const split = timeOrderedSplit(generateSequentialLog({ users: 25, items: 40, events: 400, seed: 3 }));
const config = { ...DEFAULT_CONFIG, model: 'rum-item' as const, dim: 6, negatives: 2, batchSize: 40, l2: 0.01, lr: 0.01 };

beforeAll(async () => {
  await initBackend();
});

describe('training windows', () => {
  it('cut each fitting part from its end in steps of L, every purchase after the first a target once', () => {
    const fitEnd = Int32Array.from(split.sequences, () => 0);
    fitEnd[0] = 12;
    fitEnd[1] = 1;
    fitEnd[2] = 2;
    const w = trainingWindows(split, fitEnd, 5);
    expect(Array.from(w.user)).toEqual([0, 0, 0, 2]);
    expect(Array.from(w.start)).toEqual([7, 2, 1, 1]);
    expect(Array.from(w.end)).toEqual([12, 7, 2, 2]);
    expect(w.targets).toBe(11 + 1);
  });
});

describe('gradients', () => {
  it('equal finite differences of the loss, for the item table (inputs and candidates), positions and block weights', () => {
    const small = { ...config, batchSize: 10, l2: 0.05 };
    const params = initSasrecParams({ dim: 6, maxLength: 5, blocks: 2 }, split.itemOf.length, new Rng(4), 0.3);
    const fitEnd = fitEnds(split, 10);
    const stepper = sasrecStepper(split, fitEnd, small, params);
    const order = Int32Array.from([3, 0, 7]);
    const at = () => stepper.lossAndGradients(order, 0, 2, new Rng(9), 0);
    const first = at();
    const grads = Object.fromEntries(Object.entries(first.grads).map(([k, g]) => [k, g.slice()]));
    // An input item and a target of window 3 and positions/weights every window uses.
    const seq = split.sequences[stepper.windows.user[3]].items;
    const D = 6;
    const probes: [string, number][] = [
      ['item', seq[stepper.windows.start[3] - 1] * D + 1],
      ['item', seq[stepper.windows.end[3] - 1] * D + 4],
      ['position', 4 * D + 2],
      ['block0.wq', 7],
      ['block1.ffn.w1', 20],
      ['block0.ln2.beta', 3],
      ['final.gamma', 5],
    ];
    const h = 2e-3;
    for (const [name, i] of probes) {
      const a = params.p[name];
      const x = a[i];
      a[i] = x + h;
      const up = at().loss;
      a[i] = x - h;
      const down = at().loss;
      a[i] = x;
      const fd = (up - down) / (2 * h);
      expect(grads[name][i], `${name}[${i}]`).not.toBe(0);
      expect(Math.abs(fd - grads[name][i]), `${name}[${i}]: fd ${fd} vs ${grads[name][i]}`).toBeLessThan(5e-4 + 0.005 * Math.abs(fd));
    }
  });
});

describe('an epoch', () => {
  it('leaves no tensor behind and lowers the loss', () => {
    const rng = new Rng(1);
    const fitEnd = fitEnds(split, 10);
    const training = startSasrecTraining(split, config, { fitEnd, rng });
    const losses: number[] = [];
    for (let epoch = 1; epoch <= 6; epoch++) {
      const before = tf.memory().numTensors;
      training.beginEpoch(epoch);
      let sum = 0;
      let n = 0;
      for (let b = 0; b < training.batches; b++) {
        const part = training.trainBatch(b);
        sum += part.lossSum;
        n += part.examples;
      }
      sum += training.endEpoch();
      expect(n).toBe(training.examples);
      expect(tf.memory().numTensors).toBe(before);
      losses.push(sum / n);
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[5]).toBeLessThan(losses[0] - 0.05);
    training.close();
  });

  it('is reproducible from the seed', () => {
    const run = () => {
      const t = startSasrecTraining(split, config, { fitEnd: fitEnds(split, 10), rng: new Rng(5) });
      t.beginEpoch(1);
      for (let b = 0; b < t.batches; b++) t.trainBatch(b);
      return t.snapshot();
    };
    expect(run()).toEqual(run());
  });
});

describe('an epoch order', () => {
  it('is a permutation of the windows whose batches hold windows of similar length', () => {
    const big = timeOrderedSplit(generateSequentialLog({ users: 300, items: 400, events: 9000, seed: 2 }));
    const windows = trainingWindows(big, fitEnds(big, 10), 50);
    const n = windows.user.length;
    const order = epochOrder(windows, 10, new Rng(1));
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    // Padded positions per batch (longest minus each window's length) against a plain shuffle's.
    const padding = (o: Int32Array) => {
      let pad = 0;
      for (let from = 0; from < n; from += 10) {
        const lens = Array.from(o.subarray(from, from + 10), (w) => windows.end[w] - windows.start[w]);
        pad += lens.reduce((s, l) => s + Math.max(...lens) - l, 0);
      }
      return pad;
    };
    const shuffled = new Rng(1).shuffle(Int32Array.from({ length: n }, (_, i) => i));
    expect(padding(order)).toBeLessThan(padding(shuffled) / 2);
  });
});
