// What the training worker and its epoch helper share. The training worker blocks in a
// synchronous loop and cannot read messages, so everything the helper reports back (ready,
// slice done, failure) goes through shared memory; only slices go out as messages, since the
// helper idles in its event loop between them.
import type { SharedTraining } from '../../core/train/trainer';

/** Int32 slots of the control buffer. */
export const READY = 0;
/** Slices finished so far; the helper bumps it and notifies on it, the trainer waits on it. */
export const DONE = 1;
/** Set by the trainer: the helper ends its slice at the next batch. */
export const STOP = 2;
export const FAILED = 3;
export const MESSAGE_LENGTH = 4;
const SLOTS = 5;
const MESSAGE_BYTES = 1024;

export interface HelperChannel {
  control: Int32Array;
  /** [0]: the last slice's loss summed over its examples. */
  loss: Float64Array;
  /** UTF-8 text of the helper's error when FAILED is set. */
  message: Uint8Array;
}

export interface HelperData {
  shared: SharedTraining;
  control: SharedArrayBuffer;
  loss: SharedArrayBuffer;
  message: SharedArrayBuffer;
}

/** One slice of an epoch, as posted to the helper. */
export interface SliceCommand {
  epoch: number;
  /** The example ids to train, in order (a copy of the trainer's slice). */
  examples: Int32Array;
}

export function newHelperData(shared: SharedTraining): HelperData {
  return {
    shared,
    control: new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT),
    loss: new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT),
    message: new SharedArrayBuffer(MESSAGE_BYTES),
  };
}

export function channelOf(d: HelperData): HelperChannel {
  return { control: new Int32Array(d.control), loss: new Float64Array(d.loss), message: new Uint8Array(d.message) };
}

export function writeFailure(c: HelperChannel, text: string): void {
  const { written } = new TextEncoder().encodeInto(text, c.message);
  Atomics.store(c.control, MESSAGE_LENGTH, written);
  Atomics.store(c.control, FAILED, 1);
  // The trainer waits on DONE: wake it so it sees the failure now, not at its next timeout.
  Atomics.notify(c.control, DONE);
}

export function readFailure(c: HelperChannel): string {
  // TextDecoder refuses views of shared memory, hence the copy.
  return new TextDecoder().decode(c.message.slice(0, Atomics.load(c.control, MESSAGE_LENGTH)));
}
