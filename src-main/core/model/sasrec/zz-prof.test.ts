import { it } from 'vitest';
import { initBackend } from '../../../engine/backend';
import { generateSequentialLog } from '../../dataset/synthetic-log';
import { timeOrderedSplit } from '../../dataset/split';
import { Rng } from '../../random';
import { DEFAULT_CONFIG } from '../../train/config';
import { fitEnds } from '../../train/examples';
import { initSasrecParams } from './params';
import { sasrecStepper } from './train';

it('prof', async () => {
  await initBackend();
  const split = timeOrderedSplit(generateSequentialLog({ users: 500, items: 2000, events: 12000, seed: 3 }));
  const config = { ...DEFAULT_CONFIG, model: 'rum-item' as const, dim: 32, batchSize: Number(process.env.BS ?? 512) };
  const params = initSasrecParams({ dim: 32, maxLength: 50, blocks: 2 }, split.itemOf.length, new Rng(1), 0.1);
  const st = sasrecStepper(split, fitEnds(split, 10), config, params);
  const order = new Rng(2).shuffle(Int32Array.from({ length: st.windows.user.length }, (_, i) => i));
  const tf = await import('@tensorflow/tfjs');
  const info = await tf.profile(() => { st.lossAndGradients(order, 0, st.windowsPerBatch, new Rng(3), 0.2); });
  const agg = new Map<string, number>();
  for (const k of info.kernels) agg.set(k.name, (agg.get(k.name) ?? 0) + (k.kernelTimeMs as number));
  console.log('kernels', info.kernels.length, JSON.stringify([...agg].sort((a, b) => b[1] - a[1]).slice(0, 15)));
  const big = info.kernels.filter(k => (k.kernelTimeMs as number) > 5).map(k => `${k.name} ${JSON.stringify(k.inputShapes)} ${(k.kernelTimeMs as number).toFixed(1)}`);
  console.log('big', big.join('\n'));
  for (const drop of [0.2, 0]) {
    const rng = new Rng(3);
    const s = performance.now();
    let k = 0;
    for (let from = 0; from + st.windowsPerBatch <= order.length && k < 30; from += st.windowsPerBatch, k++) st.lossAndGradients(order, from, from + st.windowsPerBatch, rng, drop);
    console.log(`dropout ${drop}: ${((performance.now() - s) / k).toFixed(1)} ms per batch of ${st.windowsPerBatch} windows`);
  }
}, 300_000);
