import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token per run: whoever holds the printed URL may use the API, nobody else. */
export function newToken(): string {
  return randomBytes(24).toString('hex');
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
