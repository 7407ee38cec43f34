// Who goes first on a 2-core machine: a call a person is waiting on (the step they pressed an
// arrow for) or the background ranking of a 2,000-step timeline in a worker thread. The hosts'
// interactive calls mark themselves here (a counter and a "quiet until" time in shared memory);
// background work checks between units and sleeps while one runs or just ran, so the explanation
// and the browser's drawing of it get the cores. Ranks still come, between presses.
const QUIET_MS = 150;

/** What a worker needs to see the marks: pass it in its input. */
export interface InteractiveMarks {
  buffer: SharedArrayBuffer;
  /** Date.now() when the buffer was made: times in it are ms after this (they fit an Int32). */
  epoch: number;
}

const marks: InteractiveMarks = { buffer: new SharedArrayBuffer(8), epoch: Date.now() };
const view = new Int32Array(marks.buffer);

export function interactiveMarks(): InteractiveMarks {
  return marks;
}

/** Runs f as interactive work: background work pauses while it runs and for QUIET_MS after. */
export function interactive<T>(f: () => T): T {
  Atomics.add(view, 0, 1);
  try {
    return f();
  } finally {
    Atomics.store(view, 1, Date.now() - marks.epoch + QUIET_MS);
    Atomics.sub(view, 0, 1);
  }
}

/**
 * For background work between units: returns at once when no interactive call runs or just ran,
 * else sleeps (without spinning) until then. `m` comes from interactiveMarks() on the host's thread.
 */
export function yieldToInteractive(m: InteractiveMarks | undefined): void {
  if (!m) return;
  const v = new Int32Array(m.buffer);
  for (;;) {
    const busy = Atomics.load(v, 0);
    const wait = Atomics.load(v, 1) - (Date.now() - m.epoch);
    if (busy <= 0 && wait <= 0) return;
    // Wakes at the latest after 20 ms to look again (the counter and the time change without a notify).
    Atomics.wait(v, 0, busy, busy > 0 ? 20 : Math.min(20, wait));
  }
}
