// SASRec's parameters (Kang and McAuley, ICDM 2018, section III) as named Float32Arrays, the
// form the store (Weights) and the plain-JS forward read, and from which training builds its tfjs
// leaves per batch. One table of item embeddings serves as input and output (the paper's shared
// embedding), a learned positional embedding per window position, `blocks` pre-LN blocks of one
// attention head and a point-wise FFN, and a final layer norm.
import type { Rng } from '../../random';
import { tensorOf, type Tensor, type Weights } from '../model';

/** L: how many recent purchases SASRec reads (the paper's n; 50 for its sparse Amazon sets). */
export const MAX_LENGTH = 50;
/** Self-attention blocks (the paper's b = 2). */
export const BLOCKS = 2;
/** Layer-norm epsilon, inside the square root: the plain-JS and tfjs forwards share it. */
export const LN_EPS = 1e-6;

export interface SasrecConfig {
  /** Hidden size d = the item embedding dimension (config.dim). */
  dim: number;
  /** Window length L. */
  maxLength: number;
  /** Number of blocks. */
  blocks: number;
}

/** name -> data; names and shapes come from paramShapes. */
export interface SasrecParams {
  config: SasrecConfig;
  nItems: number;
  p: Record<string, Float32Array>;
}

/** The per-block tensor names (prefix `block<b>.`), in a fixed order. */
export const BLOCK_PARTS = ['ln1.gamma', 'ln1.beta', 'wq', 'wk', 'wv', 'ln2.gamma', 'ln2.beta', 'ffn.w1', 'ffn.b1', 'ffn.w2', 'ffn.b2'] as const;
export type BlockPart = (typeof BLOCK_PARTS)[number];

const MATRICES: ReadonlySet<BlockPart> = new Set<BlockPart>(['wq', 'wk', 'wv', 'ffn.w1', 'ffn.w2']);

export const blockName = (b: number, part: BlockPart): string => `block${b}.${part}`;

/**
 * Every tensor's name and shape, in the one order used for the store, the tfjs leaves and Adam.
 * Matrices act on row vectors (y = x W), stored [in, out] row-major.
 */
export function paramShapes(config: SasrecConfig, nItems: number): [string, number[]][] {
  const D = config.dim;
  const out: [string, number[]][] = [
    ['item', [nItems, D]],
    ['position', [config.maxLength, D]],
  ];
  for (let b = 0; b < config.blocks; b++) {
    for (const part of BLOCK_PARTS) out.push([blockName(b, part), MATRICES.has(part) ? [D, D] : [D]]);
  }
  out.push(['final.gamma', [D]], ['final.beta', [D]]);
  return out;
}

export function validateSasrecConfig(c: SasrecConfig): void {
  for (const [name, v] of Object.entries(c)) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`sasrec ${name} must be a positive integer, got ${v}`);
  }
}

/**
 * Initial parameters. Embeddings N(0, initScale) like RUM's; weight matrices N(0, 1/d) (the
 * variance of Glorot's rule for a square matrix, the authors' default); layer-norm gains 1,
 * shifts and biases 0. Drawn in paramShapes' order, so a seed fixes every table.
 */
export function initSasrecParams(config: SasrecConfig, nItems: number, rng: Rng, initScale: number): SasrecParams {
  validateSasrecConfig(config);
  if (!Number.isInteger(nItems) || nItems < 0) throw new Error(`nItems must be a non-negative integer, got ${nItems}`);
  const p: Record<string, Float32Array> = {};
  const wScale = 1 / Math.sqrt(config.dim);
  for (const [name, shape] of paramShapes(config, nItems)) {
    const a = new Float32Array(shape.reduce((x, y) => x * y, 1));
    if (name === 'item' || name === 'position') for (let i = 0; i < a.length; i++) a[i] = rng.normal() * initScale;
    else if (shape.length === 2) for (let i = 0; i < a.length; i++) a[i] = rng.normal() * wScale;
    else if (name.endsWith('gamma')) a.fill(1);
    p[name] = a;
  }
  return { config: { ...config }, nItems, p };
}

/** As Weights: the tables keep their buffers (no copies). */
export function sasrecWeights(params: SasrecParams): Weights {
  const tensors: Record<string, Tensor> = {};
  for (const [name, shape] of paramShapes(params.config, params.nItems)) tensors[name] = { shape, data: params.p[name] };
  return { kind: 'sasrec', config: { ...params.config, heads: 1 }, tensors };
}

/** The parameters of some weights, checking every tensor is there with its shape. */
export function sasrecParams(weights: Weights): SasrecParams {
  const item = weights.tensors.item;
  if (!item) throw new Error(`${weights.kind} weights have no tensor "item"`);
  const { dim, maxLength, blocks } = weights.config;
  const config = { dim, maxLength, blocks };
  validateSasrecConfig(config);
  const nItems = item.shape[0];
  const p: Record<string, Float32Array> = {};
  for (const [name, shape] of paramShapes(config, nItems)) {
    const data = tensorOf(weights, name);
    const want = shape.reduce((x, y) => x * y, 1);
    if (data.length !== want) throw new Error(`sasrec tensor "${name}" has ${data.length} values, expected ${want} (${shape.join(' x ')})`);
    p[name] = data;
  }
  return { config, nItems, p };
}
