// How far a stored model's attention can be trusted as an explanation (docs/explanations.md): the
// one function the services, the UI and the reports use for the figure.
import { attentionTrust } from '../core/explain/attention-trust';
import { SHAPLEY_MAX_SLOTS } from '../core/explain/shapley';
import { trustPair, trustSteps } from '../core/explain/trust-steps';
import { modelSpec } from '../core/model/registry';
import { rumParams } from '../core/model/rum-item/weights';
import type { LoadedModel } from './loaded-model';

/** Steps compared at most; more are sampled (seeded), since each costs one Shapley enumeration (~10 ms at K = 20). */
export const TRUST_MAX_STEPS = 1000;
export const TRUST_SEED = 1;

export interface AttentionTrustJson {
  modelId: number;
  /** K, the model's memory slots. */
  slots: number;
  /** Steps with at least two purchases before them, over every user's whole timeline. */
  eligibleSteps: number;
  /** Steps compared: all of them, or a uniform sample of TRUST_MAX_STEPS drawn with `seed`. */
  steps: number;
  sampled: boolean;
  seed: number | null;
  /** Share of the steps where the slot with the most attention has the largest Shapley value (for the item bought). */
  top1Agreement: number | null;
  /** Mean Kendall tau-b between the slots' attention and their Shapley values. */
  meanKendallTau: number | null;
  /** Steps in that mean (steps where every slot ties have no tau). */
  tauSteps: number;
  /** Null when the figures are given; else why not (no memory, more slots than exact Shapley values allow). */
  note: string | null;
  seconds: number;
}

/**
 * Top-1 agreement and mean Kendall tau-b between attention and the exact Shapley values, for the
 * item actually bought at each step, over every step of every user (whole timelines) with at
 * least two purchases before it, or a seeded uniform sample of `maxSteps` of them. Async: it
 * yields to the event loop every few steps, since a service thread also answers the window.
 */
export async function modelAttentionTrust(
  model: LoadedModel,
  opts: { maxSteps?: number; seed?: number; signal?: AbortSignal; /** Split user indices to measure over (a slice); default every user. */ users?: readonly number[] } = {},
): Promise<AttentionTrustJson> {
  const started = performance.now();
  const maxSteps = opts.maxSteps ?? TRUST_MAX_STEPS;
  const seed = opts.seed ?? TRUST_SEED;
  const w = model.arrays.weights;
  const seqs = opts.users ? opts.users.map((u) => model.split.sequences[u]) : model.split.sequences;
  const base = { modelId: model.record.modelId, eligibleSteps: 0, steps: 0, sampled: false, seed: null, top1Agreement: null, meanKendallTau: null, tauSteps: 0 };
  const done = (r: Omit<AttentionTrustJson, 'seconds'>): AttentionTrustJson => ({ ...r, seconds: (performance.now() - started) / 1000 });
  const spec = modelSpec(w.kind);
  if (!spec.explains) return done({ ...base, slots: 0, note: `${spec.title} has no memory: there is no attention to compare` });
  // SASRec (leaveOutAt): no additive parts, so no Shapley game to hold its attention against.
  if (!spec.explainAt) return done({ ...base, slots: 0, note: `${spec.title}'s logit does not split over its purchases: there are no exact Shapley values to compare its attention with` });
  const params = rumParams(w);
  const K = params.config.alpha === 0 ? 0 : params.config.slots;
  if (K < 2) return done({ ...base, slots: K, note: `with ${K} memory slot${K === 1 ? '' : 's'} there is nothing to rank` });
  if (K > SHAPLEY_MAX_SLOTS) return done({ ...base, slots: K, note: `${K} slots: exact Shapley values are computed for at most ${SHAPLEY_MAX_SLOTS}` });
  const { total, steps } = trustSteps(
    seqs.map((s) => s.items.length),
    maxSteps,
    seed,
  );
  const pairs = [];
  let lastYield = performance.now();
  for (const { user, step } of steps) {
    pairs.push(trustPair(params, seqs[user].items, step));
    if (performance.now() - lastYield > 20) {
      opts.signal?.throwIfAborted();
      await new Promise((ok) => setImmediate(ok));
      lastYield = performance.now();
    }
  }
  const t = attentionTrust(pairs);
  const sampled = total > steps.length;
  return done({
    ...base,
    slots: K,
    eligibleSteps: total,
    steps: t.compared,
    sampled,
    seed: sampled ? seed : null,
    top1Agreement: t.top1Agreement,
    meanKendallTau: t.meanKendallTau,
    tauSteps: t.tauSteps,
    note: null,
  });
}
