// One word shared by the caller and a worker, deciding once whether a job's one lasting effect
// (an import's commit, a report's file) happens or is cancelled; never both, never a guess.
const RUNNING = 0;
const CANCELLED = 1;
const COMMITTED = 2;

/**
 * A message cannot reach a worker that is inside a synchronous stretch (a save's million
 * inserts), so the caller's cancel and the worker's commit race on this word instead: whichever
 * flips it from RUNNING first wins, atomically, from either thread.
 */
export class CancelState {
  private readonly word: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.word = new Int32Array(buffer);
  }

  /** The caller: asks the work to stop. True unless the work had already committed. */
  cancel(): boolean {
    return Atomics.compareExchange(this.word, 0, RUNNING, CANCELLED) !== COMMITTED;
  }

  /** The worker, just before its lasting effect: true if it may go ahead (no cancel came first). */
  commit(): boolean {
    return Atomics.compareExchange(this.word, 0, RUNNING, COMMITTED) !== CANCELLED;
  }

  get cancelled(): boolean {
    return Atomics.load(this.word, 0) === CANCELLED;
  }
}
