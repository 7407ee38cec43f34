import { randomBytes } from 'node:crypto';
import { tokenMatches } from './token';

/** How long a sign-in link stays good: long enough to click, short enough to be worthless later. */
export const CODE_TTL_MS = 2 * 60_000;
// Links nobody used pile up only as fast as someone asks for them; the oldest go first.
const MAX_OUTSTANDING = 32;

/**
 * One-time sign-in codes. A code may sit on a command line or a terminal (the browser opener's
 * argv is readable by every local user), so it is good for one use only, and briefly: whoever
 * reads it after the browser used it gets nothing.
 */
export class OneTimeCodes {
  private readonly codes = new Map<string, number>();

  constructor(
    private readonly ttlMs = CODE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  mint(): string {
    this.sweep();
    while (this.codes.size >= MAX_OUTSTANDING) this.codes.delete(this.codes.keys().next().value as string);
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, this.now() + this.ttlMs);
    return code;
  }

  /** True once for a fresh code; the code is gone afterwards whatever the answer. */
  redeem(given: string | null): boolean {
    this.sweep();
    // Compared in constant time against each, so the answer's timing says nothing of a code.
    for (const code of this.codes.keys()) {
      if (tokenMatches(code, given)) {
        this.codes.delete(code);
        return true;
      }
    }
    return false;
  }

  private sweep(): void {
    const t = this.now();
    for (const [code, expires] of this.codes) if (expires <= t) this.codes.delete(code);
  }
}
