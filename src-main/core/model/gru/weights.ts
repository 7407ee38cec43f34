// The GRU's parameters as generic Weights and back. Weights name each gate matrix (Wz, Wr, Wh:
// input -> gate, Uz, Ur, Uh: hidden -> gate, each [D, D] with row j = output unit j; bz, br, bh
// [D]) so a stored model or an export reads plainly; in training they are views into one
// contiguous `gates` table (params.ts), which the optimiser updates as a whole.
import { tensorOf, type Tensor, type Weights } from '../model';
import { GATE_NAMES, gateLayout, type GruParams } from './params';

/** Weights of kind `gru` whose tensors share the buffers of `p` (no copies). */
export function gruWeights(p: GruParams): Weights {
  const D = p.dim;
  const { W, U, b } = gateLayout(D);
  const DD = D * D;
  const tensors: Record<string, Tensor> = { item: { shape: [p.nItems, D], data: p.item } };
  GATE_NAMES.forEach((g, k) => {
    tensors[`W${g}`] = { shape: [D, D], data: p.gates.subarray(W + k * DD, W + (k + 1) * DD) };
  });
  GATE_NAMES.forEach((g, k) => {
    tensors[`U${g}`] = { shape: [D, D], data: p.gates.subarray(U + k * DD, U + (k + 1) * DD) };
  });
  GATE_NAMES.forEach((g, k) => {
    tensors[`b${g}`] = { shape: [D], data: p.gates.subarray(b + k * D, b + (k + 1) * D) };
  });
  return { kind: 'gru', config: { dim: D }, tensors };
}

/**
 * The parameters of some GRU weights. The item table keeps its buffer; the gate tensors are
 * copied into one contiguous table (6D^2 + 3D floats, nothing next to the catalogue) unless they
 * already are consecutive views of one (the live weights of a training).
 */
export function gruParams(weights: Weights): GruParams {
  const itemT = weights.tensors.item;
  if (!itemT) throw new Error(`${weights.kind} weights have no item table`);
  const D = itemT.shape[1];
  if (!(Number.isInteger(D) && D >= 1) || weights.config.dim !== D) throw new Error(`${weights.kind} weights: item table is not [items, dim = ${weights.config.dim}]`);
  const { W, U, b, size } = gateLayout(D);
  const DD = D * D;
  const parts: [string, number, number][] = [];
  GATE_NAMES.forEach((g, k) => parts.push([`W${g}`, W + k * DD, DD], [`U${g}`, U + k * DD, DD], [`b${g}`, b + k * D, D]));
  const first = tensorOf(weights, 'Wz');
  const views = parts.every(([name, at, n]) => {
    const t = tensorOf(weights, name);
    return t.length === n && t.buffer === first.buffer && t.byteOffset === first.byteOffset + at * 4;
  });
  let gates: Float32Array;
  if (views) gates = new Float32Array(first.buffer, first.byteOffset, size);
  else {
    gates = new Float32Array(size);
    for (const [name, at, n] of parts) {
      const t = tensorOf(weights, name);
      if (t.length !== n) throw new Error(`${weights.kind} weights: ${name} has ${t.length} values, need ${n}`);
      gates.set(t, at);
    }
  }
  return { dim: D, nItems: itemT.shape[0], item: tensorOf(weights, 'item'), gates };
}
