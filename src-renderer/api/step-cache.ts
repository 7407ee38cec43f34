import { api } from './client';
import type { Input, Results } from './types';

// Explanations of a stored model never change, so answers can be kept and asked for ahead:
// while the analyst reads step t, steps t+1 and t-1 are already being computed, and an arrow
// key then only draws.
const MAX = 32;
const cache = new Map<string, Promise<Results['explainStep']>>();

export function explainCached(input: Input<'explainStep'>): Promise<Results['explainStep']> {
  const key = JSON.stringify(input);
  let p = cache.get(key);
  if (!p) {
    p = api().call('explainStep', input) as Promise<Results['explainStep']>;
    // A failed call is not kept: the next attempt asks again.
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    if (cache.size > MAX) cache.delete(cache.keys().next().value!);
  }
  return p;
}

// `?prefetch=off` turns it off, so that the benchmark can measure the uncached path too.
const PREFETCH = typeof location === 'undefined' || new URLSearchParams(location.search).get('prefetch') !== 'off';

/** Starts computing neighbouring steps; errors are ignored here and shown if the user goes there. */
export function prefetchSteps(input: Input<'explainStep'>, steps: number[]): void {
  if (!PREFETCH) return;
  for (const step of steps) explainCached({ ...input, step }).catch(() => undefined);
}
