// Which steps a report explains in detail (`report --steps`, exportReport's `steps`). A step's
// detail is a page or so; a 737-purchase user in full was 1,463 pages, so by default a report
// details only the steps that tell the most, and the rest stay in the summary's figures.
import { InputError } from '../core/errors';

/** `all`, `hits`, `misses`, `A-B` (inclusive), a single step `A`, or the default selection. */
export type StepSpec = { kind: 'default' } | { kind: 'all' } | { kind: 'hits' } | { kind: 'misses' } | { kind: 'range'; from: number; to: number };

/** What the contract accepts for `steps` (the range's bounds are checked against the user's timeline). */
export const STEPS_PATTERN = /^(default|all|hits|misses|\d{1,7}(-\d{1,7})?)$/;

export const STEPS_USAGE = '--steps must be all, hits, misses, a step T or a range A-B (steps from 0)';

export function parseStepSpec(text: string | undefined): StepSpec {
  const s = (text ?? 'default').trim().toLowerCase();
  if (!STEPS_PATTERN.test(s)) throw new InputError(`${STEPS_USAGE}, got "${text}"`);
  if (s === 'default' || s === 'all' || s === 'hits' || s === 'misses') return { kind: s };
  const [from, to = from] = s.split('-').map(Number);
  if (from > to) throw new InputError(`--steps ${text}: the range must run forwards (A <= B)`);
  return { kind: 'range', from, to };
}

/** What the selection reads of a timeline: each purchase's rank, its pattern and its top attention. */
export interface StepFacts {
  step: number;
  part: 'train' | 'test';
  /** Rank of the item bought at this step among the items not bought before it. */
  rank: number;
  pattern: string;
  /** The largest attention weight the purchase puts on one slot (0 with an empty memory). */
  topWeight: number;
}

/** Steps detailed at most by default, and how many of each kind. */
export const DEFAULT_DETAIL = { misses: 4, hits: 3, triggers: 4 } as const;

export interface Selection {
  spec: StepSpec;
  /** Steps to detail, in time order; `purchases` (after the last purchase) may be among them. */
  steps: number[];
  /** Why each step was chosen, for the report's own words. */
  why: Map<number, string>;
}

const isHit = (f: StepFacts, n: number) => f.rank <= n;

/** The strongest triggers: steps of a named pattern, by their top slot's attention. */
export function strongestTriggers(facts: StepFacts[], count: number): StepFacts[] {
  return facts
    .filter((f) => f.pattern !== 'none')
    .sort((a, b) => b.topWeight - a.topWeight || a.step - b.step)
    .slice(0, count);
}

/** The test part's misses, worst rank first. */
export function worstMisses(facts: StepFacts[], n: number, count: number): StepFacts[] {
  return facts.filter((f) => f.part === 'test' && !isHit(f, n)).sort((a, b) => b.rank - a.rank || a.step - b.step).slice(0, count);
}

/** The test part's hits, best rank first. */
export function bestHits(facts: StepFacts[], n: number, count: number): StepFacts[] {
  return facts.filter((f) => f.part === 'test' && isHit(f, n)).sort((a, b) => a.rank - b.rank || a.step - b.step).slice(0, count);
}

/**
 * The steps to detail. `facts` has one entry per purchase (steps 0 .. purchases-1); hits and misses
 * are ranks <= n and > n over the whole timeline. The default: the end of the training part (the
 * step the app opens at), the worst test misses, the best test hits and the strongest triggers.
 */
export function selectSteps(spec: StepSpec, facts: StepFacts[], n: number, trainLength: number): Selection {
  const purchases = facts.length;
  const why = new Map<number, string>();
  const add = (step: number, reason: string) => why.set(step, why.has(step) ? `${why.get(step)}; ${reason}` : reason);
  switch (spec.kind) {
    case 'all':
      for (let t = 0; t <= purchases; t++) add(t, 'all steps');
      break;
    case 'hits':
      for (const f of facts) if (isHit(f, n)) add(f.step, `hit: rank ${f.rank} <= ${n}`);
      break;
    case 'misses':
      for (const f of facts) if (!isHit(f, n)) add(f.step, `miss: rank ${f.rank} > ${n}`);
      break;
    case 'range':
      if (spec.to > purchases) throw new InputError(`--steps ${spec.from}-${spec.to}: this user has steps 0 to ${purchases}`);
      for (let t = spec.from; t <= spec.to; t++) add(t, `steps ${spec.from}-${spec.to}`);
      break;
    case 'default':
      add(Math.min(trainLength, purchases), 'end of the training part (where the app opens)');
      for (const f of worstMisses(facts, n, DEFAULT_DETAIL.misses)) add(f.step, `test miss: rank ${f.rank}`);
      for (const f of bestHits(facts, n, DEFAULT_DETAIL.hits)) add(f.step, `test hit: rank ${f.rank}`);
      for (const f of strongestTriggers(facts, DEFAULT_DETAIL.triggers)) add(f.step, `${f.pattern} trigger: ${(100 * f.topWeight).toFixed(0)} % on one slot`);
      break;
  }
  return { spec, steps: [...why.keys()].sort((a, b) => a - b), why };
}
