// tfjs as core/ sees it. Core code that runs tensors (a model's tfjs definition, its batched
// ranking) takes the library from here instead of importing it: engine/backend.ts loads tfjs on
// the first initBackend and hands it over, so a command that never trains or ranks (`explain`,
// `models`) does not pay for loading it, even though the registry reaches every model's code.
import type * as Tf from '@tensorflow/tfjs';

export type TfModule = typeof Tf;

let loaded: TfModule | null = null;

/** Called by engine/backend.ts once a backend runs (and by tests that drive tfjs themselves). */
export function provideTfjs(tf: TfModule): void {
  loaded = tf;
}

/** The tfjs module; throws when no backend was started, which is a caller's bug. */
export function tfjs(): TfModule {
  if (!loaded) throw new Error('tfjs is not loaded: await initBackend() (engine/backend.ts) before running tensors');
  return loaded;
}
