// Cell parsing. Every function returns undefined on a bad value instead of NaN, so that a
// bad cell can never slip into the store as a number (docs/contract.md: never a silent NaN).

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Unix seconds at or above this are taken as milliseconds (1e11 s would be the year 5138). */
const MS_THRESHOLD = 1e11;

/**
 * Event times are accepted from 1970-01-01 up to 2100-01-01 (UTC), after the unit is decided.
 * Purchase logs live well inside it, and a time outside is a broken cell (1e300, -5, a year
 * 0001 placeholder) that would otherwise import and crash every date shown later.
 */
export const TIME_RANGE = { minMs: 0, maxMs: Date.UTC(2100, 0, 1), text: '1970-01-01 to 2100-01-01 (UTC)' } as const;

export function timeInRange(ms: number): boolean {
  return ms >= TIME_RANGE.minMs && ms <= TIME_RANGE.maxMs;
}

/** How parseTimestamp read a cell, for messages about a time out of range. */
export function timestampUnit(cell: string): string {
  const n = parseNumber(cell);
  if (n === undefined) return 'an ISO-8601 date';
  return Math.abs(n) >= MS_THRESHOLD ? 'unix milliseconds' : 'unix seconds';
}

export function parseNumber(cell: string): number | undefined {
  const s = cell.trim();
  if (!NUMBER.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** Unix seconds, unix milliseconds or an ISO-8601 date, as milliseconds since the epoch. */
export function parseTimestamp(cell: string): number | undefined {
  const s = cell.trim();
  const n = parseNumber(s);
  if (n !== undefined) return Math.abs(n) >= MS_THRESHOLD ? n : n * 1000;
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 60) {
    return undefined;
  }
  // A date without a zone is read as UTC, never as the machine's local time, so that the same
  // file gives the same order on every analyst's machine.
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${sec}${frac}${zone ? normaliseZone(zone) : 'Z'}`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return undefined;
  // Date.parse rolls 2023-02-30 over to March; refuse such dates instead.
  if (new Date(ms + zoneOffsetMs(zone)).getUTCDate() !== day) return undefined;
  return ms;
}

function normaliseZone(zone: string): string {
  return zone === 'Z' || zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const z = normaliseZone(zone);
  const sign = z[0] === '-' ? -1 : 1;
  return sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6))) * 60_000;
}

export function parseRating(cell: string): number | undefined {
  return parseNumber(cell);
}
