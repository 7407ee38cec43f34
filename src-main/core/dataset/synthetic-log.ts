// A generated purchase log shaped like the paper's Amazon sets (docs/protocol.md, "The paper's data sets"), with a
// known sequential signal, so that results tables and benchmarks can run without the real data
// and a sequential model has something real to find that plain MF cannot.
//
// Three sources make up each purchase:
// - sequential: every item has a few fixed "successor" items (accessories, refills); with
//   probability `sequentialShare` the next purchase is a successor of a recent purchase, usually
//   the last one or two (one-to-one) but sometimes up to ten back (one-to-multiple);
// - taste: items belong to latent clusters, each user likes 2-3 of them and buys there, so that
//   the intrinsic user embedding of MF/RUM also has something to learn;
// - popularity: the rest is Zipf-distributed noise, which is what MostPopular picks up.
// Everything lives in typed arrays and all randomness comes from one Rng: a seed fixes every event,
// and 10x Baby Care (772k events) takes well under a second.

import { Rng } from '../random';
import type { Interactions } from './split';

/** The Baby Care set after the >= 10 filter (paper Table 1), the default benchmark shape. */
export const BABY_SHAPE = { users: 2379, items: 14037, events: 77198 } as const;

export interface SequentialLogOptions {
  users: number;
  items: number;
  /** Exactly this many events are generated; at least 10 per user. */
  events: number;
  seed: number;
  /** Probability that a purchase (after the first) follows from a recent one. Default 0.35. */
  sequentialShare?: number;
  /** Probability that a purchase not explained by a successor comes from the user's clusters. Default 0.6. */
  tasteShare?: number;
}

/** The planted structure, for tests and for checking explanations against the truth. */
export interface SequentialLogTruth {
  log: Interactions;
  /** successors[item * SUCCESSORS + k], k < SUCCESSORS. */
  successors: Int32Array;
  clusterOf: Int32Array;
  clusters: number;
}

export const SUCCESSORS = 3;
/** The paper keeps users with >= 10 purchases; generating no shorter ones keeps every user. */
export const MIN_USER_EVENTS = 10;

// Shape constants, chosen so the log looks like Amazon review data rather than measured from it.
const LENGTH_SIGMA = 1.2; // lognormal spread of (length - 10): median ~20, a few users in the hundreds
const ZIPF_OFFSET = 100; // weight 1/(rank + offset): flat enough that MostPopular scores near the paper's ~1 % P@5
const SUCCESSOR_PICK = [0.5, 0.3, 0.2]; // the first successor is the usual companion
const SUCCESSOR_IN_CLUSTER = 0.7; // most companions are from the same category
// Back offset of the triggering purchase: 1 (the one just before) is most common; 4..10 share the tail.
const BACK_1 = 0.45;
const BACK_2 = 0.2;
const BACK_3 = 0.12;
const MAX_BACK = 10;
const RANGE_START_S = Date.UTC(2012, 0, 1) / 1000;
const RANGE_END_S = Date.UTC(2014, 11, 1) / 1000;

export function generateSequentialLog(opts: SequentialLogOptions): Interactions {
  return generateSequentialLogWithTruth(opts).log;
}

export function generateSequentialLogWithTruth(opts: SequentialLogOptions): SequentialLogTruth {
  const { users, items, events } = opts;
  const seqShare = opts.sequentialShare ?? 0.35;
  const tasteShare = opts.tasteShare ?? 0.6;
  if (!Number.isInteger(users) || users < 1) throw new Error(`users must be a positive integer, got ${users}`);
  if (!Number.isInteger(items) || items < 2 * MIN_USER_EVENTS) throw new Error(`items must be an integer >= ${2 * MIN_USER_EVENTS}, got ${items}`);
  if (!Number.isInteger(events)) throw new Error(`events must be an integer, got ${events}`);
  // A user cannot buy more than half the catalogue without buying the same things again and again.
  const maxLength = Math.max(MIN_USER_EVENTS, Math.floor(items / 2));
  if (events < users * MIN_USER_EVENTS || events > users * maxLength) {
    throw new Error(`events must be between ${users * MIN_USER_EVENTS} and ${users * maxLength} for ${users} users and ${items} items`);
  }

  const rng = new Rng(opts.seed);
  const pop = popularity(rng, items);
  const clusters = Math.min(items, Math.max(50, Math.min(100, Math.round(items / 150))));
  const cat = catalogue(rng, pop.weight, clusters);
  const successors = pickSuccessors(rng, pop, cat);
  const lengths = userLengths(rng, users, events, maxLength);

  const user = new Int32Array(events);
  const item = new Int32Array(events);
  const time = new Float64Array(events);
  const boughtBy = new Int32Array(items).fill(-1);
  const gaps = new Float64Array(maxLength);
  const liked = new Int32Array(3);
  const likedCum = new Float64Array(3);

  let e = 0;
  for (let u = 0; u < users; u++) {
    const n = lengths[u];
    const base = e;
    const nLiked = 2 + rng.int(2);
    let acc = 0;
    for (let k = 0; k < nLiked; k++) {
      let c: number;
      do c = rng.int(clusters);
      while (clusters >= nLiked && liked.subarray(0, k).includes(c));
      liked[k] = c;
      acc += 0.5 + rng.next();
      likedCum[k] = acc;
    }

    for (let t = 0; t < n; t++) {
      let next = -1;
      if (t > 0 && rng.next() < seqShare) {
        for (let attempt = 0; attempt < 4 && next < 0; attempt++) {
          const anchor = item[base + t - backOffset(rng, t)];
          const cand = successors[anchor * SUCCESSORS + pickIndex(rng, SUCCESSOR_PICK)];
          if (boughtBy[cand] !== u) next = cand;
        }
      }
      if (next < 0 && rng.next() < tasteShare) {
        for (let attempt = 0; attempt < 4 && next < 0; attempt++) {
          const c = liked[searchCum(likedCum, 0, nLiked, rng.next() * likedCum[nLiked - 1])];
          const cand = cat.drawFrom(rng, c);
          if (boughtBy[cand] !== u) next = cand;
        }
      }
      // Popularity last; after a few misses a repeat purchase is allowed, as real logs have a few.
      for (let attempt = 0; next < 0; attempt++) {
        const cand = pop.draw(rng);
        if (boughtBy[cand] !== u || attempt >= 8) next = cand;
      }
      boughtBy[next] = u;
      user[e] = u;
      item[e] = next;
      e++;
    }
    fillTimes(rng, time, base, n, gaps);
  }
  return { log: { nUsers: users, nItems: items, user, item, time }, successors, clusterOf: cat.clusterOf, clusters };
}

/** `user_id,item_id,timestamp` with readable ids and unix seconds, for the real import path. */
export function interactionsToCsv(inter: Interactions): string {
  const uw = Math.max(6, String(Math.max(0, inter.nUsers - 1)).length);
  const iw = Math.max(5, String(Math.max(0, inter.nItems - 1)).length);
  const userIds = Array.from({ length: inter.nUsers }, (_, u) => `U${String(u).padStart(uw, '0')}`);
  const itemIds = Array.from({ length: inter.nItems }, (_, i) => `I${String(i).padStart(iw, '0')}`);
  const lines = new Array<string>(inter.user.length + 1);
  lines[0] = 'user_id,item_id,timestamp';
  for (let e = 0; e < inter.user.length; e++) {
    lines[e + 1] = `${userIds[inter.user[e]]},${itemIds[inter.item[e]]},${Math.floor(inter.time[e] / 1000)}`;
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

interface Popularity {
  weight: Float64Array;
  draw(rng: Rng): number;
}

/** Zipf weights over a random permutation, so that item ids say nothing about popularity. */
function popularity(rng: Rng, items: number): Popularity {
  const order = rng.shuffle(Int32Array.from({ length: items }, (_, i) => i));
  const weight = new Float64Array(items);
  for (let r = 0; r < items; r++) weight[order[r]] = 1 / (r + ZIPF_OFFSET);
  const cum = new Float64Array(items);
  let acc = 0;
  for (let i = 0; i < items; i++) cum[i] = acc += weight[i];
  return { weight, draw: (r) => searchCum(cum, 0, items, r.next() * acc) };
}

interface Catalogue {
  clusterOf: Int32Array;
  /** Items grouped by cluster: members[start[c] .. start[c+1]). */
  members: Int32Array;
  start: Int32Array;
  drawFrom(rng: Rng, c: number): number;
}

/** Random cluster per item, with per-cluster cumulative popularity for weighted draws. */
function catalogue(rng: Rng, weight: Float64Array, clusters: number): Catalogue {
  const items = weight.length;
  const clusterOf = new Int32Array(items);
  const start = new Int32Array(clusters + 1);
  // Every cluster gets one item first, so no cluster is empty even in tiny catalogues.
  const firsts = rng.shuffle(Int32Array.from({ length: items }, (_, i) => i));
  for (let i = 0; i < items; i++) clusterOf[firsts[i]] = i < clusters ? i : rng.int(clusters);
  for (let i = 0; i < items; i++) start[clusterOf[i] + 1]++;
  for (let c = 0; c < clusters; c++) start[c + 1] += start[c];
  const fill = start.slice(0, clusters);
  const members = new Int32Array(items);
  for (let i = 0; i < items; i++) members[fill[clusterOf[i]]++] = i;
  // Cumulative weights restart at each cluster boundary.
  const cum = new Float64Array(items);
  for (let c = 0; c < clusters; c++) {
    let acc = 0;
    for (let k = start[c]; k < start[c + 1]; k++) cum[k] = acc += weight[members[k]];
  }
  return {
    clusterOf,
    members,
    start,
    drawFrom: (r, c) => members[searchCum(cum, start[c], start[c + 1], r.next() * cum[start[c + 1] - 1])],
  };
}

/**
 * Successors are uniform within the cluster (not popularity-weighted): a companion is specific
 * to its trigger, so the sequential signal is not just "buy the category's best sellers again".
 */
function pickSuccessors(rng: Rng, pop: Popularity, cat: Catalogue): Int32Array {
  const items = cat.clusterOf.length;
  const out = new Int32Array(items * SUCCESSORS);
  for (let i = 0; i < items; i++) {
    const c = cat.clusterOf[i];
    const size = cat.start[c + 1] - cat.start[c];
    for (let k = 0; k < SUCCESSORS; k++) {
      let s = -1;
      for (let attempt = 0; attempt < 20 && s < 0; attempt++) {
        const cand =
          size > SUCCESSORS + 1 && rng.next() < SUCCESSOR_IN_CLUSTER
            ? cat.members[cat.start[c] + rng.int(size)]
            : pop.draw(rng);
        if (cand !== i && !out.subarray(i * SUCCESSORS, i * SUCCESSORS + k).includes(cand)) s = cand;
      }
      out[i * SUCCESSORS + k] = s >= 0 ? s : (i + 1 + k) % items;
    }
  }
  return out;
}

/** Per-user lengths: 10 + a lognormal share of the rest, rounded so they sum to `events` exactly. */
function userLengths(rng: Rng, users: number, events: number, maxLength: number): Int32Array {
  const raw = new Float64Array(users);
  let sum = 0;
  for (let u = 0; u < users; u++) sum += raw[u] = Math.exp(LENGTH_SIGMA * rng.normal());
  const extra = events - users * MIN_USER_EVENTS;
  const lengths = new Int32Array(users);
  let left = events;
  for (let u = 0; u < users; u++) {
    lengths[u] = Math.min(maxLength, MIN_USER_EVENTS + Math.floor((raw[u] * extra) / sum));
    left -= lengths[u];
  }
  // Rounding (and the cap) leave a remainder: hand it out one event at a time from a random
  // user onwards, which keeps the distribution's shape and the total exact.
  for (let u = rng.int(users); left > 0; u = (u + 1) % users) {
    if (lengths[u] < maxLength) {
      lengths[u]++;
      left--;
    }
  }
  return lengths;
}

/**
 * Strictly increasing whole-second times for one user: a random span within 2012-2014 and
 * exponential gaps scaled into it, so a typical user's purchases are days to weeks apart.
 */
function fillTimes(rng: Rng, time: Float64Array, base: number, n: number, gaps: Float64Array): void {
  const range = RANGE_END_S - RANGE_START_S;
  const span = range * (0.1 + 0.9 * rng.next());
  const start = RANGE_START_S + rng.next() * (range - span);
  let total = 0;
  for (let k = 0; k < n; k++) total += gaps[k] = -Math.log(1 - rng.next());
  // n seconds are reserved so that adding k to each floor keeps the times strictly increasing.
  const scale = (span - n) / total;
  let acc = 0;
  for (let k = 0; k < n; k++) {
    time[base + k] = (Math.floor(start + acc * scale) + k) * 1000;
    acc += gaps[k];
  }
}

function backOffset(rng: Rng, t: number): number {
  const r = rng.next();
  const d = r < BACK_1 ? 1 : r < BACK_1 + BACK_2 ? 2 : r < BACK_1 + BACK_2 + BACK_3 ? 3 : 4 + rng.int(MAX_BACK - 3);
  return Math.min(d, t);
}

function pickIndex(rng: Rng, probs: readonly number[]): number {
  let r = rng.next();
  for (let k = 0; k < probs.length - 1; k++) {
    r -= probs[k];
    if (r < 0) return k;
  }
  return probs.length - 1;
}

/** First k in [lo, hi) with cum[k] > r; cum is non-decreasing over that range. */
function searchCum(cum: ArrayLike<number>, lo: number, hi: number, r: number): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const m = (a + b) >> 1;
    if (cum[m] > r) b = m;
    else a = m + 1;
  }
  return a;
}
