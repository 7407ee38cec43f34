// A model measured on groups of its users (issue 14 item 4): per slice, the test metrics of the
// paper's protocol (each user's own figures from perUserModelMetrics, averaged over the slice, with
// their standard error), the attention trust over the slice's steps, and its strongest influences
// (engine/influences.ts over the slice's users, sized to a few seconds each).
import { InputError } from '../core/errors';
import type { RankingMetrics } from '../core/eval/metrics';
import { sliceUsers, type SliceRule, type UserFacts } from '../core/eval/slices';
import { modelAttentionTrust, type AttentionTrustJson } from './attention-trust';
import { influenceRefusal, modelInfluences, type InfluencePairJson } from './influences';
import type { LoadedModel } from './loaded-model';
import { meanMetrics, perUserModelMetrics, type PerUserEvaluation } from './per-user-metrics';
import { hitN } from './user-ranks';

/** Steps sampled per slice for its attention trust (each costs one Shapley enumeration, ~10 ms at K = 20). */
export const SLICE_TRUST_STEPS = 300;
/** Work each slice's map of influences is sized to (a seeded sample of its users past that). */
export const SLICE_INFLUENCE_BUDGET_MS = 4000;
/** Strongest pairs shown per slice. */
export const SLICE_TOP_PAIRS = 5;

export type SliceBy = 'length' | 'hit' | 'first-date' | 'item';

export interface SliceOptions {
  by: SliceBy;
  /** Groups for length and first-date (default 3). */
  bins?: number;
  /** The item (the dataset's id) for `by: 'item'`. */
  item?: string;
  /** Steps sampled for each slice's attention trust (default SLICE_TRUST_STEPS). */
  trustSteps?: number;
  /** Work each slice's influences are sized to (default SLICE_INFLUENCE_BUDGET_MS). */
  influenceBudgetMs?: number;
  /** Each user's test figures when the caller has them (a report slicing three ways ranks once). */
  perUser?: PerUserEvaluation;
  /** Where the work is (0..1), often, also inside synchronous stretches; may throw to stop (a cancel). */
  onProgress?: (fraction: number, message: string) => void;
  signal?: AbortSignal;
}

export interface SliceJson {
  name: string;
  users: number;
  /** Users of the slice with a test part: the ones its metrics average over. */
  testUsers: number;
  /** Mean over the slice's test users; null when it has none. */
  metrics: RankingMetrics | null;
  /** Standard error of each mean (sample sd / sqrt(n)); null below two test users. */
  standardError: RankingMetrics | null;
  trust: Pick<AttentionTrustJson, 'steps' | 'eligibleSteps' | 'sampled' | 'top1Agreement' | 'meanKendallTau' | 'note'>;
  /** The slice's strongest influences (by Shapley value, training steps), or why there are none. */
  influences: { pairs: InfluencePairJson[]; users: number; eligibleUsers: number; sampled: boolean; note: string | null };
}

export interface SlicesJson {
  modelId: number;
  by: SliceBy;
  rule: string;
  n: number;
  slices: SliceJson[];
  seconds: number;
}

const KEYS: (keyof RankingMetrics)[] = ['precision', 'recall', 'f1', 'hr', 'ndcg'];

function standardError(xs: readonly RankingMetrics[], mean: RankingMetrics): RankingMetrics | null {
  if (xs.length < 2) return null;
  const out = { ...mean };
  for (const k of KEYS) {
    let s = 0;
    for (const x of xs) s += (x[k] - mean[k]) ** 2;
    out[k] = Math.sqrt(s / (xs.length - 1) / xs.length);
  }
  return out;
}

export function sliceRule(model: LoadedModel, opts: SliceOptions): { rule: SliceRule; text: string } {
  const bins = opts.bins ?? 3;
  if (!Number.isInteger(bins) || bins < 1 || bins > 20) throw new InputError(`--bins must be a whole number from 1 to 20, got ${opts.bins}`);
  switch (opts.by) {
    case 'length':
      return { rule: { by: 'length', bins }, text: `${bins} near-equal groups by purchases on the whole timeline` };
    case 'first-date':
      return { rule: { by: 'first-date', bins }, text: `${bins} near-equal groups by the time of the first purchase` };
    case 'hit':
      return { rule: { by: 'hit' }, text: "whether the test top-N held one of the user's test purchases" };
    case 'item': {
      if (opts.item === undefined) throw new InputError('--by item needs --item ITEM (an item id as in the imported file)');
      const i = model.itemIds.indexOf(opts.item);
      if (i < 0) throw new InputError(`item "${opts.item}" is not in model ${model.record.modelId}`);
      const name = model.titles[i] ? `${model.titles[i]} (${opts.item})` : opts.item;
      return { rule: { by: 'item', item: i, name }, text: `whether the user bought ${name} in the training part` };
    }
    default:
      throw new InputError(`--by must be length, hit, first-date or item, got "${String(opts.by)}"`);
  }
}

export async function modelSlices(model: LoadedModel, opts: SliceOptions): Promise<SlicesJson> {
  const started = performance.now();
  const { rule, text } = sliceRule(model, opts);
  const n = hitN(model);
  const pu = opts.perUser ?? (await perUserModelMetrics(model, n));
  const figures = new Map<number, RankingMetrics>();
  pu.users.forEach((u, j) => figures.set(u, pu.perUser[j]));
  const facts: UserFacts[] = model.split.sequences.map((s) => ({
    user: s.user,
    length: s.items.length,
    firstTime: s.items.length ? s.times[0] : NaN,
    trainItems: s.items.subarray(0, s.trainLength),
    hit: figures.has(s.user) ? figures.get(s.user)!.hr > 0 : null,
  }));
  const slices: SliceJson[] = [];
  const groups = sliceUsers(facts, rule);
  for (const [g, slice] of groups.entries()) {
    const at = (part: number) => (g + part) / groups.length;
    opts.onProgress?.(at(0), `${slice.name}: attention trust`);
    const own = slice.users.map((u) => figures.get(u)).filter((m): m is RankingMetrics => m !== undefined);
    const metrics = own.length ? meanMetrics(own) : null;
    const t = await modelAttentionTrust(model, { users: slice.users, maxSteps: opts.trustSteps ?? SLICE_TRUST_STEPS, signal: opts.signal });
    const refusal = influenceRefusal(model.record.modelId, model.arrays.weights.kind, 'shapley');
    let influences: SliceJson['influences'] = { pairs: [], users: 0, eligibleUsers: 0, sampled: false, note: refusal };
    if (!refusal && slice.users.length) {
      const onStep = (done: number, total: number) => {
        opts.signal?.throwIfAborted();
        opts.onProgress?.(at(0.5 + (0.5 * done) / total), `${slice.name}: influences, step ${done} of ${total}`);
      };
      const m = modelInfluences(model, { by: 'shapley', top: SLICE_TOP_PAIRS, among: slice.users, budgetMs: opts.influenceBudgetMs ?? SLICE_INFLUENCE_BUDGET_MS, onStep });
      influences = { pairs: m.pairs, users: m.users, eligibleUsers: m.eligibleUsers, sampled: m.sampled, note: null };
    }
    slices.push({
      name: slice.name,
      users: slice.users.length,
      testUsers: own.length,
      metrics,
      standardError: metrics ? standardError(own, metrics) : null,
      trust: { steps: t.steps, eligibleSteps: t.eligibleSteps, sampled: t.sampled, top1Agreement: t.top1Agreement, meanKendallTau: t.meanKendallTau, note: t.note },
      influences,
    });
  }
  return { modelId: model.record.modelId, by: opts.by, rule: text, n, slices, seconds: (performance.now() - started) / 1000 };
}
