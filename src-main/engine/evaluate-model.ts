import { modelSpec } from '../core/model/registry';
import { evaluateSplit, type Evaluation } from '../core/train/protocol';
import { initBackend } from './backend';
import type { LoadedModel } from './loaded-model';
import { rankerFor } from './ranker';

/** The paper's protocol on a stored model's test part, at any N. */
export async function evaluateModel(model: LoadedModel, n: number): Promise<Evaluation> {
  await initBackend();
  const w = model.arrays.weights;
  return evaluateSplit(model.split, rankerFor(w), n, modelSpec(w.kind).historyLength(w), 'test');
}
