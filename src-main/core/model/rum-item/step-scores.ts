import { checkRow, readMemory } from '../memory';
import type { StepRead } from '../model';
import { StepScores } from '../step-scores';
import { ItemColumns } from './item-columns';
import type { RumItemParams } from './params';

/**
 * Item-level RUM's StepScores (../step-scores.ts) for one user and memory: each slot's key and
 * value are the same column, q_i . m_k (rumItemForward's maths, forward.ts). `columns`: a loaded
 * model's cache (itemColumnsOf); by default this step's own, kept by nobody. alpha = 0 (BPR-MF)
 * reads no memory: explanations then show an empty memory.
 */
export function rumStepScores(params: RumItemParams, user: number, memoryItems: Int32Array, columns = new ItemColumns(params, 0)): StepScores {
  const { alpha, beta } = params.config;
  const read = alpha === 0 ? new Int32Array(0) : memoryItems;
  const cols = columns.columnsFor(read).map((c) => ({ key: c.dot, value: c.dot, exp: c.exp }));
  return new StepScores(alpha, beta, columns.intrinsic(user), cols);
}

/** The memory and score parts at each step of `items` (ModelSpec.explainAt for the RUM family): the last K purchases before it. */
export function rumStepReader(params: RumItemParams, user: number, items: Int32Array, columns = new ItemColumns(params, 0)): (step: number) => StepRead {
  checkRow(user, params.nUsers, 'user');
  return (step) => {
    const memory = readMemory(params, items.subarray(Math.max(0, step - params.config.slots), step));
    const first = step - memory.length;
    return { scores: rumStepScores(params, user, memory, columns), slots: Array.from(memory, (item, k) => ({ item, step: first + k })) };
  };
}
