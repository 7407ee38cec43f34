import { ZodError } from 'zod';
import { JobError } from '../../api/await-job';
import { NotFoundError } from '../../api/errors';
import { storeFailure } from '../../api/store-errors';
import { ImportError } from '../../core/dataset/errors';
import { InputError } from '../../core/errors';
import { NewerDatabaseError } from '../../store/db';

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

/** The commands that list what an id can name, for a "no model 7" message. */
const LISTED_BY = { model: 'rum-workbench models', dataset: 'rum-workbench datasets' } as const;

/**
 * A call's input refused by the contract (api/contract.ts). A training setting's message comes
 * from core and names the setting ("dim must be a whole number from 1 to 512, got 0"), as does
 * any message that already names its field; another gets the field in front.
 */
export function zodProblem(e: ZodError): string {
  return e.issues
    .map((i) => {
      const field = String(i.path.at(-1) ?? 'input');
      return new RegExp(`\\b${field}\\b`).test(i.message) ? i.message : `${field}: ${i.message}`;
    })
    .join('; ');
}

/**
 * Exit codes of docs/contract.md: 2 for bad input (naming file, line and problem), 1 otherwise.
 * `store` is the --db path, named when the store itself fails (a full disk).
 */
export function exitCodeFor(e: unknown, io: Io, store?: string): number {
  if (e instanceof NotFoundError) {
    io.err(`error: no ${e.what} ${e.id} (see: ${LISTED_BY[e.what]})\n`);
    return 2;
  }
  if (e instanceof ZodError) {
    io.err(`error: ${zodProblem(e)}\n`);
    return 2;
  }
  // A job's failure arrives as its 'error' event: the services have already worded it (an
  // import's file and line, a full store's path and cause); its kind says whose it is.
  if (e instanceof JobError) {
    io.err(`error: ${e.message}\n`);
    return e.body.kind === 'input' ? 2 : 1;
  }
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
