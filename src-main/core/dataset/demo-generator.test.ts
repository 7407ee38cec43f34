import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEMO_DEFAULT_SEED, demoFiles, generateDemo, type DemoTruth } from './demo-generator';

// The committed files in resources/demo/ are what users get; they must be exactly what the
// generator produces, and the ground truth must match the log it describes.
const demoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'demo');
const read = (name: string) => readFileSync(join(demoDir, name), 'utf8');

const purchases = parse(read('purchases.csv'), { columns: true }) as Record<string, string>[];
const items = parse(read('items.csv'), { columns: true }) as Record<string, string>[];
const truth = JSON.parse(read('truth.json')) as DemoTruth;

// Each user's rows in time order (stable sort: ties would keep file order, as docs/contract.md says).
const timelines = new Map<string, { item: string; time: number }[]>();
for (const r of purchases) {
  const list = timelines.get(r.user_id) ?? [];
  list.push({ item: r.item_id, time: Number(r.timestamp) });
  timelines.set(r.user_id, list);
}
for (const list of timelines.values()) list.sort((a, b) => a.time - b.time);

describe('demo dataset', () => {
  it('is reproduced byte for byte by the default seed', () => {
    const files = demoFiles();
    expect(truth.seed).toBe(DEMO_DEFAULT_SEED);
    for (const [name, text] of Object.entries(files)) expect(text, name).toBe(read(name));
  });

  it('changes with the seed', () => {
    const other = generateDemo({ seed: DEMO_DEFAULT_SEED + 1 });
    expect(other.purchasesCsv).not.toBe(read('purchases.csv'));
    expect(other.truth.planted).not.toEqual(truth.planted);
  });

  it('honours the users option', () => {
    const small = generateDemo({ users: 7 });
    const users = new Set(small.purchasesCsv.trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    expect(users.size).toBe(7);
  });

  it('has well-formed purchases and items', () => {
    expect(timelines.size).toBe(400);
    expect(items.length).toBeGreaterThanOrEqual(120);
    expect(items.length).toBeLessThanOrEqual(180);
    // CSV quoting is exercised: a title with a quote and one with an ampersand survive the round trip.
    expect(items.some((i) => i.title.includes('"'))).toBe(true);
    expect(items.some((i) => i.title.includes('&'))).toBe(true);
    const itemIds = new Set(items.map((i) => i.item_id));
    expect(itemIds.size).toBe(items.length);
    for (const r of purchases) {
      expect(itemIds.has(r.item_id), r.item_id).toBe(true);
      expect(r.rating).toMatch(/^[1-5]$/);
      expect(r.timestamp).toMatch(/^\d+$/);
    }
    for (const [user, list] of timelines) {
      expect(list.length, user).toBeGreaterThanOrEqual(10);
      for (let t = 1; t < list.length; t++) expect(list[t].time, user).toBeGreaterThan(list[t - 1].time);
    }
  });

  it('records planted purchases consistent with the log', () => {
    const patterns = new Map(truth.patterns.map((p) => [p.trigger, p]));
    for (const p of truth.planted) {
      const list = timelines.get(p.user)!;
      expect(list[p.step].item).toBe(p.item);
      expect(list[p.triggerStep].item).toBe(p.triggerItem);
      expect(p.step - p.triggerStep).toBeGreaterThanOrEqual(1);
      expect(p.step - p.triggerStep).toBeLessThanOrEqual(4);
      if (p.kind === 'one-to-one') expect(p.step - p.triggerStep).toBe(1);
      const pattern = patterns.get(p.triggerItem)!;
      expect(pattern.kind).toBe(p.kind);
      expect(pattern.companions).toContain(p.item);
    }
  });

  it("plants exactly the purchases that the patterns' rule finds in the log, enough of each kind", () => {
    // Derived from purchases.csv alone: a companion bought after its pattern's trigger is a
    // planted purchase. The counts below come from this derivation, not from the generator.
    const patternOf = new Map(truth.patterns.flatMap((p) => p.companions.map((c) => [c, p] as const)));
    const derived: DemoTruth['planted'] = [];
    for (const [user, list] of timelines) {
      list.forEach(({ item }, step) => {
        const pattern = patternOf.get(item);
        if (!pattern) return;
        const triggerStep = list.findIndex((e) => e.item === pattern.trigger);
        expect(triggerStep, `${user} bought ${item} at ${step} without its trigger before it`).toBeGreaterThanOrEqual(0);
        expect(triggerStep).toBeLessThan(step);
        // One-to-one: the very next purchase; one-to-multiple: within the 4 that follow.
        expect(step - triggerStep).toBeLessThanOrEqual(pattern.kind === 'one-to-one' ? 1 : 4);
        derived.push({ user, step, item, triggerStep, triggerItem: pattern.trigger, kind: pattern.kind });
      });
    }
    const key = (p: DemoTruth['planted'][number]) => `${p.user}@${String(p.step).padStart(3, '0')}`;
    const sorted = (list: DemoTruth['planted']) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(truth.planted)).toEqual(sorted(derived));
    const count = (kind: string) => derived.filter((p) => p.kind === kind).length;
    // The README promises patterns throughout the demo: at least 150 planted purchases of each kind.
    expect(count('one-to-one')).toBeGreaterThanOrEqual(150);
    expect(count('one-to-multiple')).toBeGreaterThanOrEqual(150);
    // Every one-to-multiple trigger bought brings all 3 of its companions.
    const multiTriggers = [...timelines.values()].flat().filter((e) => truth.patterns.some((p) => p.kind === 'one-to-multiple' && p.trigger === e.item));
    expect(count('one-to-multiple')).toBe(3 * multiTriggers.length);
    // A one-to-one companion follows its trigger with probability 0.9 (or never): the share of
    // triggers followed lies well within 3 standard deviations of that.
    const singleTriggers = [...timelines.values()].flat().filter((e) => truth.patterns.some((p) => p.kind === 'one-to-one' && p.trigger === e.item));
    const followed = count('one-to-one') / singleTriggers.length;
    const sd = Math.sqrt((0.9 * 0.1) / singleTriggers.length);
    expect(Math.abs(followed - 0.9)).toBeLessThan(3 * sd);
  });

  it('records every companion purchase, and buys each trigger at most once per user', () => {
    const companions = new Set(truth.patterns.flatMap((p) => p.companions));
    const triggers = new Set(truth.patterns.map((p) => p.trigger));
    const planted = new Set(truth.planted.map((p) => `${p.user}@${p.step}`));
    for (const [user, list] of timelines) {
      const seen = new Set<string>();
      list.forEach(({ item }, step) => {
        if (companions.has(item)) expect(planted.has(`${user}@${step}`), `${user}@${step}`).toBe(true);
        if (triggers.has(item)) {
          expect(seen.has(item), `${user} ${item}`).toBe(false);
          seen.add(item);
        }
      });
    }
  });
});
