// Which users' steps the map of influences (influences.ts) explains: all of them, or on large data
// a seeded uniform sample of users sized to a time budget. Whole users, not scattered steps, so
// that each sampled timeline is walked in order and its memory columns are shared from step to
// step (rum-item/item-columns.ts); the sample is drawn from a fixed cost model, never from
// measured time, so the same seed and data give the same sample on any machine.
import { Rng } from '../random';

/** Which purchases are explained: the training part of each timeline (what the model learned from), or every purchase. */
export type InfluencePart = 'train' | 'all';
export const INFLUENCE_PARTS: readonly InfluencePart[] = ['train', 'all'];

export interface TimelineLength {
  /** Purchases in the whole timeline. */
  length: number;
  /** The first trainLength are the training part. */
  trainLength: number;
}

/**
 * The steps explained in one timeline are 1 .. end - 1: step 0 has an empty memory, so nothing
 * to credit. end is the training part's length, or the whole timeline's.
 */
export function explainedEnd(t: TimelineLength, part: InfluencePart): number {
  return part === 'train' ? t.trainLength : t.length;
}

export interface InfluencePlanOptions {
  part: InfluencePart;
  /** The most slots the memory holds (K): step t reads min(t, K) purchases. */
  slots: number;
  /** Estimated milliseconds to explain one step whose memory holds `slots` purchases. */
  stepMs: (slots: number) => number;
  /** 'all': every user; a number: a seeded sample of that many users; absent: all when the estimate fits budgetMs, else a seeded sample that does. */
  users?: number | 'all';
  budgetMs: number;
  seed: number;
}

export interface InfluencePlan {
  /** Indices into the timelines given, ascending. */
  users: number[];
  /** Timelines with at least one explained step. */
  eligibleUsers: number;
  eligibleSteps: number;
  /** Steps of the chosen users. */
  steps: number;
  /** True when the chosen users are fewer than the eligible ones. */
  sampled: boolean;
  /** The sample's seed; null when every eligible user is in. */
  seed: number | null;
  /** The cost model's estimate for the chosen steps. */
  estimatedMs: number;
}

/**
 * The users to explain. Sampling shuffles the eligible users with `seed` and takes them in that
 * order; under a budget it stops before the first that would pass it (always keeping one), so the
 * sample stays uniform over users rather than favouring short timelines that would still fit.
 */
export function planInfluenceUsers(timelines: readonly TimelineLength[], opts: InfluencePlanOptions): InfluencePlan {
  if (opts.users !== undefined && opts.users !== 'all' && !(Number.isInteger(opts.users) && opts.users >= 1)) {
    throw new RangeError(`users must be a whole number >= 1 or 'all', got ${opts.users}`);
  }
  const memo = new Map<number, number>();
  const stepMs = (k: number) => {
    let v = memo.get(k);
    if (v === undefined) memo.set(k, (v = opts.stepMs(k)));
    return v;
  };
  const eligible: number[] = [];
  const cost: number[] = [];
  const stepsOf: number[] = [];
  let eligibleSteps = 0;
  let total = 0;
  timelines.forEach((t, u) => {
    const end = explainedEnd(t, opts.part);
    if (end < 2) return;
    let c = 0;
    for (let step = 1; step < end; step++) c += stepMs(Math.min(step, opts.slots));
    eligible.push(u);
    cost.push(c);
    stepsOf.push(end - 1);
    eligibleSteps += end - 1;
    total += c;
  });
  const all = (): InfluencePlan => ({ users: eligible, eligibleUsers: eligible.length, eligibleSteps, steps: eligibleSteps, sampled: false, seed: null, estimatedMs: total });
  if (opts.users === 'all') return all();
  if (opts.users === undefined && total <= opts.budgetMs) return all();
  if (typeof opts.users === 'number' && opts.users >= eligible.length) return all();

  const order = new Rng(opts.seed).shuffle(Array.from(eligible, (_, j) => j));
  const chosen: number[] = [];
  let spent = 0;
  for (const j of order) {
    if (typeof opts.users === 'number' ? chosen.length === opts.users : chosen.length > 0 && spent + cost[j] > opts.budgetMs) break;
    chosen.push(j);
    spent += cost[j];
  }
  chosen.sort((a, b) => a - b);
  const sampled = chosen.length < eligible.length;
  return {
    users: chosen.map((j) => eligible[j]),
    eligibleUsers: eligible.length,
    eligibleSteps,
    steps: chosen.reduce((s, j) => s + stepsOf[j], 0),
    sampled,
    seed: sampled ? opts.seed : null,
    estimatedMs: spent,
  };
}
