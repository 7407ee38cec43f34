import { ImportError } from '../../core/dataset/errors';
import { InputError } from '../../core/errors';
import { NewerDatabaseError } from '../../store/db';
import { storeFailure } from './store-errors';

/** Bad input from the command line itself: exit code 2, like a bad file. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Io {
  json: boolean;
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

export const processIo = (json: boolean): Io => ({
  json,
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
});

/** With --json, stdout carries exactly one JSON object; everything for humans goes to stderr. */
export function emit(io: Io, result: object, human: string): void {
  if (io.json) io.out(`${JSON.stringify(result)}\n`);
  else io.out(`${human}\n`);
}

/**
 * Exit codes of docs/contract.md: 2 for bad input (naming file, line and problem), 1 otherwise.
 * `store` is the --db path, named when the store itself fails (a full disk).
 */
export function exitCodeFor(e: unknown, io: Io, store?: string): number {
  if (e instanceof ImportError || e instanceof UsageError || e instanceof InputError || e instanceof NewerDatabaseError) {
    io.err(`error: ${e.message}\n`);
    return 2;
  }
  const failure = storeFailure(e, store);
  if (failure) {
    io.err(`error: ${failure}\n`);
    return 1;
  }
  if (e instanceof Error && e.name === 'AbortError') {
    io.err('cancelled\n');
    return 1;
  }
  io.err(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

/** Progress on stderr: redrawn in place on a terminal, a line per 10 % otherwise (logs, CI). */
export function progressPrinter(io: Io, label: string): (fraction: number, detail?: string) => void {
  let lastTenth = -1;
  let lastDraw = 0;
  return (fraction, detail = '') => {
    const pct = Math.min(100, Math.max(0, Math.round(fraction * 100)));
    if (io.isTTY) {
      const now = Date.now();
      if (now - lastDraw < 100 && pct < 100) return;
      lastDraw = now;
      io.err(`\r${label} ${pct.toString().padStart(3)}% ${detail}`.padEnd(60) + (pct >= 100 ? '\n' : ''));
    } else {
      const tenth = Math.floor(pct / 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      io.err(`${label} ${pct}% ${detail}\n`);
    }
  };
}
