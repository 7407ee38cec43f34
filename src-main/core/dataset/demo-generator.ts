// Deterministic generator of the bundled demo dataset: a small online store whose purchase log
// has sequential patterns planted on purpose (docs/model.md, "Patterns"), plus the ground
// truth of every planted purchase, so the workbench's explanations can be checked against it.
// Pure: no Node imports; all randomness comes from one seeded Rng, so a seed fixes every byte.

import { Rng } from '../random';

export const DEMO_DEFAULT_SEED = 2018;
export const DEMO_GENERATOR = 'demo-generator v1';

export type PatternKind = 'one-to-one' | 'one-to-multiple';

export interface DemoPattern {
  kind: PatternKind;
  trigger: string;
  companions: string[];
}

/** One companion purchase placed by a pattern; steps count from 0 in the user's time order. */
export interface PlantedRecord {
  user: string;
  step: number;
  item: string;
  triggerStep: number;
  triggerItem: string;
  kind: PatternKind;
}

export interface DemoTruth {
  seed: number;
  generator: string;
  patterns: DemoPattern[];
  planted: PlantedRecord[];
}

export interface DemoDataset {
  purchasesCsv: string;
  itemsCsv: string;
  truth: DemoTruth;
}

export interface DemoOptions {
  seed?: number;
  users?: number;
}

// ---------------------------------------------------------------------------------------------
// Catalogue. Pattern products first, then filler; ids p001... follow this order, so they are
// stable as long as the lists are only appended to.

interface PatternSpec {
  kind: PatternKind;
  category: string;
  trigger: string;
  companions: string[];
}

const PATTERN_SPECS: PatternSpec[] = [
  { kind: 'one-to-one', category: 'electronics', trigger: 'Nova X2 Smartphone', companions: ['Nova X2 Slim Case'] },
  { kind: 'one-to-one', category: 'office', trigger: 'Inkwell 3400 Inkjet Printer', companions: ['Inkwell 34 Ink Cartridges (4-pack)'] },
  { kind: 'one-to-one', category: 'appliances', trigger: 'Barista Pod Coffee Machine', companions: ['Barista Coffee Pods, 50 Count'] },
  { kind: 'one-to-one', category: 'gaming', trigger: 'Arcadia One Game Console', companions: ['Arcadia One Wireless Controller'] },
  { kind: 'one-to-one', category: 'electronics', trigger: 'Folio 7 E-Reader', companions: ['Folio 7 Sleep Cover'] },
  { kind: 'one-to-one', category: 'music', trigger: 'Strato S1 Electric Guitar', companions: ['Electric Guitar Strings 10-46'] },
  { kind: 'one-to-one', category: 'electronics', trigger: 'Skyhawk Mini Drone', companions: ['Skyhawk Mini Spare Battery'] },
  { kind: 'one-to-one', category: 'electronics', trigger: 'Pulse 4 Smartwatch', companions: ['Pulse 4 Sport Band'] },
  { kind: 'one-to-multiple', category: 'photo', trigger: 'Lumen 24MP Mirrorless Camera', companions: ['Lumen 50mm Prime Lens', 'Lumen Camera Bag', 'Lumen Travel Tripod'] },
  { kind: 'one-to-multiple', category: 'computers', trigger: 'Vertex 14 Laptop', companions: ['Vertex Wireless Mouse', 'Vertex 14 Laptop Sleeve', 'USB-C Hub 7-in-1'] },
  { kind: 'one-to-multiple', category: 'outdoor', trigger: 'Trailhead 2-Person Tent', companions: ['Trailhead Sleeping Bag', 'Trailhead Camping Stove', 'Trailhead LED Headlamp'] },
  { kind: 'one-to-multiple', category: 'pets', trigger: 'Reef 60 L Aquarium', companions: ['Reef Aquarium Filter', 'Reef Aquarium Heater', 'Reef Tropical Fish Flakes'] },
];

// Within each category the list order is the popularity order (Zipf rank), shared by all users.
// A few titles carry `&`, `"` or `,` on purpose so that CSV quoting is exercised on import.
const FILLER: Record<string, string[]> = {
  kitchen: [
    'Chef\'s Knife 8"', 'Bamboo Cutting Board', 'Salt & Pepper Mill Set', 'Nonstick Frying Pan',
    'Mixing Bowls, Set of 3', 'Silicone Spatula', 'Digital Kitchen Scale', 'Stainless Steel Saucepan',
    'Glass Food Storage Containers', 'Electric Kettle', 'Hand Blender', 'Measuring Cups & Spoons',
    'Rolling Pin', 'Oven Mitts', 'Cheese Grater', 'Dish Drying Rack', 'Cast Iron Skillet',
  ],
  books: [
    'Atlas of Forgotten Islands', 'The Quiet Engineer', 'Sourdough Basics', 'Mountains of Glass',
    'Learn Spanish in 30 Days', 'The Patient Gardener', 'Tales from the Harbour', 'Deep Work Habits',
    'Ocean Birds Field Guide', 'The Last Lighthouse Keeper', 'Chess Openings Explained',
    'Stories for Sleepy Kids', 'The Map Maker\'s Apprentice', 'Practical Statistics', 'Winter in Kyoto',
    'Beginner\'s Watercolour', 'Letters from the Orchard',
  ],
  toys: [
    'Wooden Train Set', 'Building Blocks 500 pcs', 'Plush Teddy Bear', 'Remote Control Car',
    'Jigsaw Puzzle 1000 pcs', 'Magnetic Tiles Set', 'Dinosaur Figures Pack', 'Kids\' Art Easel',
    'Marble Run Kit', 'Stacking Rings', 'Toy Kitchen Playset', 'Yo-Yo Pro', 'Kite "Sky Dragon"',
    'Bubble Machine', 'Doll House', 'Spinning Top Set', 'Board Game: Harbour Traders',
  ],
  sports: [
    'Yoga Mat', 'Adjustable Dumbbells', 'Jump Rope', 'Foam Roller', 'Insulated Water Bottle',
    'Resistance Bands Set', 'Tennis Balls (3-pack)', 'Football Size 5', 'Cycling Gloves',
    'Swim Goggles', 'Kettlebell 12 kg', 'Basketball', 'Sweatband Set', 'Badminton Racket Pair',
    'Gym Duffel Bag', 'Pull-up Bar', 'Table Tennis Paddles',
  ],
  beauty: [
    'Hydrating Face Cream', 'Vitamin C Serum', 'Gentle Cleanser', 'Sunscreen SPF 50', 'Lip Balm Trio',
    'Shampoo & Conditioner Set', 'Hair Dryer', 'Bamboo Hairbrush', 'Nail Care Kit', 'Body Lotion',
    'Eye Cream', 'Clay Face Mask', 'Rose Water Toner', 'Beard Oil', 'Makeup Brush Set', 'Hand Cream',
    'Bath Salts',
  ],
  garden: [
    'Garden Hose 15 m', 'Pruning Shears', 'Watering Can', 'Tomato Seeds', 'Potting Soil 20 L',
    'Terracotta Pots (Set of 3)', 'Garden Gloves', 'Bird Feeder', 'Solar Path Lights', 'Compost Bin',
    'Hand Trowel', 'Lavender Plant', 'Raised Garden Bed', 'Lawn Sprinkler', 'Herb Seed Kit',
    'Outdoor Thermometer', 'Wheelbarrow',
  ],
};

interface CatalogueItem {
  id: string;
  title: string;
  category: string;
}

interface Catalogue {
  items: CatalogueItem[];
  patterns: DemoPattern[];
  filler: CatalogueItem[];
  fillerZipf: number[]; // popularity weight of each filler item (1/rank within its category)
  fillerCategories: string[];
}

function buildCatalogue(): Catalogue {
  const items: CatalogueItem[] = [];
  const add = (title: string, category: string): CatalogueItem => {
    const item = { id: `p${String(items.length + 1).padStart(3, '0')}`, title, category };
    items.push(item);
    return item;
  };
  const patterns = PATTERN_SPECS.map((p) => ({
    kind: p.kind,
    trigger: add(p.trigger, p.category).id,
    companions: p.companions.map((c) => add(c, p.category).id),
  }));
  const filler: CatalogueItem[] = [];
  const fillerZipf: number[] = [];
  for (const [category, titles] of Object.entries(FILLER)) {
    titles.forEach((title, rank) => {
      filler.push(add(title, category));
      fillerZipf.push(1 / (rank + 1));
    });
  }
  return { items, patterns, filler, fillerZipf, fillerCategories: Object.keys(FILLER) };
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180): quote a field only when it holds a comma, a quote or a line break.

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: (string | number)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Users.

const START_2024 = 1704067200; // 2024-01-01T00:00:00Z
const DAY = 86400;
const TASTE_SHARE = 0.85; // share of filler drawn from the user's two favourite categories
const COMPANION_PROB = 0.9; // one-to-one: chance the companion follows its trigger at all

/** A block of consecutive purchases; FILLER_SLOT marks a slot filled from the user's taste. */
const FILLER_SLOT = Symbol('filler');
type Slot = string | typeof FILLER_SLOT;
interface Block {
  slots: Slot[];
  pattern?: DemoPattern;
}

function rating(rng: Rng): number {
  // Mostly happy customers: 5 50 %, 4 30 %, 3 12 %, 2 5 %, 1 3 %.
  return 5 - rng.weighted([0.5, 0.3, 0.12, 0.05, 0.03]);
}

export function generateDemo(options: DemoOptions = {}): DemoDataset {
  const seed = options.seed ?? DEMO_DEFAULT_SEED;
  const userCount = options.users ?? 400;
  const rng = new Rng(seed);
  const cat = buildCatalogue();

  const purchaseRows: (string | number)[][] = [];
  const planted: PlantedRecord[] = [];

  for (let u = 1; u <= userCount; u++) {
    const user = `u${String(u).padStart(4, '0')}`;
    const n = 12 + rng.int(29); // 12..40 purchases

    // Patterns: aim for 20-30 % of the purchases being triggers + companions. Each trigger at
    // most once per user; greedy over a shuffled pattern list so every pattern gets used.
    const target = Math.round(n * (0.2 + 0.1 * rng.next()));
    const blocks: Block[] = [];
    let plantedSize = 0;
    for (const pattern of rng.shuffle([...cat.patterns])) {
      const size = 1 + pattern.companions.length;
      if (plantedSize + size > target) continue;
      plantedSize += size;
      if (pattern.kind === 'one-to-one') {
        // The companion comes at the very next step, or (rarely) never.
        const slots = rng.next() < COMPANION_PROB ? [pattern.trigger, pattern.companions[0]] : [pattern.trigger];
        blocks.push({ slots, pattern });
      } else {
        // Companions take 3 of the 4 steps after the trigger in random order, with one filler
        // purchase mixed in, so no companion reliably precedes another but all follow the trigger.
        const after: Slot[] = rng.shuffle([...pattern.companions, FILLER_SLOT]);
        blocks.push({ slots: [pattern.trigger, ...after], pattern });
      }
    }
    let used = blocks.reduce((s, b) => s + b.slots.length, 0);
    while (used < n) {
      blocks.push({ slots: [FILLER_SLOT] });
      used++;
    }
    // Random block order puts triggers anywhere, the test part (last 30 %) included.
    rng.shuffle(blocks);

    // Filler taste: two favourite categories with Zipf popularity, plus a little uniform noise.
    const tasteA = rng.int(cat.fillerCategories.length);
    const tasteB = (tasteA + 1 + rng.int(cat.fillerCategories.length - 1)) % cat.fillerCategories.length;
    const taste = new Set([cat.fillerCategories[tasteA], cat.fillerCategories[tasteB]]);
    let tasteTotal = 0;
    cat.filler.forEach((f, i) => {
      if (taste.has(f.category)) tasteTotal += cat.fillerZipf[i];
    });
    const weights = cat.filler.map(
      (f, i) => (taste.has(f.category) ? (TASTE_SHARE * cat.fillerZipf[i]) / tasteTotal : 0) + (1 - TASTE_SHARE) / cat.filler.length,
    );
    const drawFiller = (): string => {
      const i = rng.weighted(weights);
      weights[i] = 0; // no repeat purchases of filler: keeps held-out items rankable
      return cat.filler[i].id;
    };

    let time = START_2024 + rng.int(60 * DAY);
    let step = 0;
    for (const block of blocks) {
      const triggerStep = step;
      for (const slot of block.slots) {
        const item = slot === FILLER_SLOT ? drawFiller() : slot;
        if (block.pattern && step > triggerStep && block.pattern.companions.includes(item)) {
          planted.push({ user, step, item, triggerStep, triggerItem: block.pattern.trigger, kind: block.pattern.kind });
        }
        purchaseRows.push([user, item, rating(rng), time]);
        time += DAY + rng.int(19 * DAY + 1); // gaps of 1-20 days keep timestamps strictly increasing
        step++;
      }
    }
  }

  return {
    purchasesCsv: csv(['user_id', 'item_id', 'rating', 'timestamp'], purchaseRows),
    itemsCsv: csv(['item_id', 'title', 'category'], cat.items.map((i) => [i.id, i.title, i.category])),
    truth: { seed, generator: DEMO_GENERATOR, patterns: cat.patterns, planted },
  };
}

/** The three bundled files, exactly as written to resources/demo/ (truth.json pretty-printed). */
export function demoFiles(options: DemoOptions = {}): Record<'purchases.csv' | 'items.csv' | 'truth.json', string> {
  const ds = generateDemo(options);
  return {
    'purchases.csv': ds.purchasesCsv,
    'items.csv': ds.itemsCsv,
    'truth.json': JSON.stringify(ds.truth, null, 2) + '\n',
  };
}
