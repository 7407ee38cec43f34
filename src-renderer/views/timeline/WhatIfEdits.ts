// The What if card's edits, kept for the session (the page's life) per model, user and step, so
// that stepping away and back finds them as they were. Each action (one edit, or the removals of a
// smallest set at once) is pushed on a stack: Undo pops the last action, Reset empties it. Only
// the questions asked change: the stored data never do.
import { useCallback, useSyncExternalStore } from 'react';
import type { Input } from '../../api/types';

export type WhatIfEdit = Input<'whatIf'>['edits'][number];

interface Stack {
  actions: readonly (readonly WhatIfEdit[])[];
  /** The actions' edits in order: what the whatIf call takes. */
  edits: readonly WhatIfEdit[];
}

const kept = new Map<string, Stack>();
const listeners = new Set<() => void>();
// One empty stack for every key without edits: useSyncExternalStore needs the same snapshot back while nothing changed.
const NONE: Stack = { actions: [], edits: [] };

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function put(key: string, actions: Stack['actions']): void {
  if (actions.length) kept.set(key, { actions, edits: actions.flat() });
  else kept.delete(key);
  for (const l of listeners) l();
}

export interface WhatIfEdits {
  edits: readonly WhatIfEdit[];
  /** Pushes one action: these edits, undone together. */
  push: (...edits: WhatIfEdit[]) => void;
  undo: () => void;
  reset: () => void;
}

export function useWhatIfEdits(modelId: number, user: string, step: number): WhatIfEdits {
  const key = JSON.stringify([modelId, user, step]);
  const { edits } = useSyncExternalStore(subscribe, () => kept.get(key) ?? NONE);
  const push = useCallback((...action: WhatIfEdit[]) => put(key, [...(kept.get(key) ?? NONE).actions, action]), [key]);
  const undo = useCallback(() => put(key, (kept.get(key) ?? NONE).actions.slice(0, -1)), [key]);
  const reset = useCallback(() => put(key, []), [key]);
  return { edits, push, undo, reset };
}
