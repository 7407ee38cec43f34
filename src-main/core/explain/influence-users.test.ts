import { describe, expect, it } from 'vitest';
import { planInfluenceUsers, type InfluencePlanOptions } from './influence-users';

// 100 users of 10..29 purchases, training part 70 %.
const timelines = Array.from({ length: 100 }, (_, u) => {
  const length = 10 + (u % 20);
  return { length, trainLength: Math.floor((length * 7) / 10) };
});
const base: InfluencePlanOptions = { part: 'train', slots: 5, stepMs: (k) => 2 ** k, budgetMs: Infinity, seed: 1 };
const cost = (t: { length: number; trainLength: number }, part: 'train' | 'all', slots = 5) => {
  let c = 0;
  for (let s = 1; s < (part === 'train' ? t.trainLength : t.length); s++) c += 2 ** Math.min(s, slots);
  return c;
};

describe('which users the influence map explains', () => {
  it('takes every user with a step that has a purchase before it, all their steps of the part, when they fit', () => {
    const short = [{ length: 1, trainLength: 1 }, { length: 3, trainLength: 1 }, { length: 3, trainLength: 2 }];
    expect(planInfluenceUsers(short, base)).toEqual({ users: [2], eligibleUsers: 1, eligibleSteps: 1, steps: 1, sampled: false, seed: null, estimatedMs: 2 });
    const all = planInfluenceUsers(short, { ...base, part: 'all' });
    expect(all).toMatchObject({ users: [1, 2], eligibleSteps: 4, steps: 4, sampled: false });
    const p = planInfluenceUsers(timelines, base);
    expect(p.users).toHaveLength(100);
    expect(p.steps).toBe(timelines.reduce((s, t) => s + t.trainLength - 1, 0));
    expect(p.estimatedMs).toBe(timelines.reduce((s, t) => s + cost(t, 'train'), 0));
  });

  it('over the budget, samples whole users with the seed, uniformly, stopping before the first that would pass it', () => {
    const total = timelines.reduce((s, t) => s + cost(t, 'all'), 0);
    const p = planInfluenceUsers(timelines, { ...base, part: 'all', budgetMs: total / 4 });
    expect(p.sampled).toBe(true);
    expect(p.seed).toBe(1);
    expect(p.eligibleUsers).toBe(100);
    expect(p.estimatedMs).toBeLessThanOrEqual(total / 4);
    expect(p.estimatedMs).toBe(p.users.reduce((s, u) => s + cost(timelines[u], 'all'), 0));
    expect(p.steps).toBe(p.users.reduce((s, u) => s + timelines[u].length - 1, 0));
    expect(p.users).toEqual([...p.users].sort((a, b) => a - b));
    // Reproducible with its seed, another with another.
    expect(planInfluenceUsers(timelines, { ...base, part: 'all', budgetMs: total / 4 })).toEqual(p);
    expect(planInfluenceUsers(timelines, { ...base, part: 'all', budgetMs: total / 4, seed: 2 }).users).not.toEqual(p.users);
    // Not biased to short timelines: the sample's mean length is near the whole's (19.5).
    const mean = p.users.reduce((s, u) => s + timelines[u].length, 0) / p.users.length;
    expect(Math.abs(mean - 19.5)).toBeLessThan(4);
  });

  it('keeps one user when even one passes the budget', () => {
    const p = planInfluenceUsers(timelines, { ...base, budgetMs: 1 });
    expect(p.users).toHaveLength(1);
    expect(p.sampled).toBe(true);
  });

  it("takes a stated number of users as a seeded sample, or all of them with 'all' whatever the budget", () => {
    const p = planInfluenceUsers(timelines, { ...base, users: 10, budgetMs: 1 });
    expect(p.users).toHaveLength(10);
    expect(p).toMatchObject({ sampled: true, seed: 1 });
    expect(planInfluenceUsers(timelines, { ...base, users: 500 })).toMatchObject({ sampled: false, seed: null });
    expect(planInfluenceUsers(timelines, { ...base, users: 'all', budgetMs: 1 }).users).toHaveLength(100);
    expect(() => planInfluenceUsers(timelines, { ...base, users: 0 })).toThrow(RangeError);
  });
});
