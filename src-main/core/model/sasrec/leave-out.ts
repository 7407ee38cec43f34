// SASRec's step reading for the explanation views (ModelSpec.leaveOutAt): what its last position
// attends to over the purchases it reads, and every item's logit with one of those purchases left
// out of the history. SASRec's logit has no additive parts (layer norms, feed-forward layers and
// two blocks of attention stand between a purchase and the logit), so there is no share per
// purchase and no Shapley game to make exact; leaving a purchase out and running the model again
// is exact, and is what "without this purchase it would rank 14th" means for any model.
import type { LeaveOutRead, LeaveOutScores } from '../model';
import { sasrecForward, scoreFromForward } from './forward';
import type { SasrecParams } from './params';

export const SASREC_LEAVE_OUT_NOTE =
  "SASRec's logit does not split over its purchases (attention, layer norms and feed-forward layers lie between them), " +
  'so it has no shares or Shapley values: each purchase is judged by the logit and rank with it left out of the history, the model run again';

class SasrecLeaveOut implements LeaveOutScores {
  readonly additive = false as const;
  readonly note = SASREC_LEAVE_OUT_NOTE;
  readonly nItems: number;
  readonly slots: number;
  readonly logit: Float64Array;
  private readonly weights: number[];
  private readonly scratch: Float32Array;

  constructor(
    private readonly params: SasrecParams,
    /** The purchases before the step, oldest first. */
    private readonly history: Int32Array,
  ) {
    const f = sasrecForward(params, history);
    this.nItems = params.nItems;
    this.slots = f.items.length;
    this.weights = Array.from(f.attention);
    this.scratch = new Float32Array(params.nItems);
    this.logit = Float64Array.from(scoreFromForward(params, f, this.scratch));
  }

  // SASRec's attention is the last position's, before any candidate is looked at: one row for all.
  attention(): number[] {
    return this.weights.slice();
  }

  /**
   * Slot k is the purchase at history position length - slots + k. Without it the window reaches
   * one purchase further back when the history is longer than the window: the model sees what it
   * would have seen had that purchase never been made.
   */
  allWithoutSlot(k: number, out = new Float64Array(this.nItems)): Float64Array {
    if (!(Number.isInteger(k) && k >= 0 && k < this.slots)) throw new RangeError(`slot ${k} outside 0..${this.slots - 1}`);
    const drop = this.history.length - this.slots + k;
    const edited = new Int32Array(this.history.length - 1);
    edited.set(this.history.subarray(0, drop));
    edited.set(this.history.subarray(drop + 1), drop);
    const scores = scoreFromForward(this.params, sasrecForward(this.params, edited), this.scratch);
    for (let i = 0; i < this.nItems; i++) out[i] = scores[i];
    return out;
  }
}

/** The reader of user timeline `items` at any step: the purchases before it and their leave-one-out logits. */
export function sasrecLeaveOutReader(params: SasrecParams, items: Int32Array): (step: number) => LeaveOutRead {
  return (step) => {
    const scores = new SasrecLeaveOut(params, items.subarray(0, step));
    const first = step - scores.slots;
    return { scores, slots: Array.from({ length: scores.slots }, (_, k) => ({ item: items[first + k], step: first + k })) };
  };
}
