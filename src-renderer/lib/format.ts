// Number and time formatting shared by every view. Fixed locale so tests and screenshots agree.
const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const fmtInt = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? '–' : intFmt.format(n));

/** A fraction as a percent: 0.1234 → "12.3 %"; tiny non-zero values stay visible as "<0.1 %". */
export function fmtPct(f: number | null | undefined, digits = 1): string {
  if (f === null || f === undefined || !Number.isFinite(f)) return '–';
  const p = f * 100;
  if (p > 0 && p < 10 ** -digits) return `<${(10 ** -digits).toFixed(digits)} %`;
  return `${fmtFixed(p, digits)} %`;
}

/**
 * `x` with `digits` decimals, never "-0.0000": a value that rounds to zero prints as zero, since a
 * sign on a zero claims a direction the shown digits cannot carry.
 */
export function fmtFixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}

/** Metrics are fractions; the paper prints them with 4 decimals. */
export const fmtMetric = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : fmtFixed(x, 4));

/** A signed logit or share: "+0.412" / "−0.031"; one that rounds to zero is "0.000", unsigned. */
export function fmtSigned(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const s = Math.abs(x).toFixed(digits);
  if (Number(s) === 0) return s;
  return x < 0 ? `−${s}` : `+${s}`;
}

/** "1 slot", "2 slots", "1,024 purchases": the count with the word in the number it takes. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

/** ISO time or unix ms → "2024-04-16 04:22" (UTC, as the data files have no zone). */
export function fmtTime(t: string | number | null | undefined): string {
  if (t === null || t === undefined) return '–';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return '–';
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export const fmtDate = (t: string | number | null | undefined): string => fmtTime(t).slice(0, 10);

/** A time span between two unix-ms instants: "2024-01-01 → 2024-12-31 (365 days)". */
export function fmtSpan(min: number | null, max: number | null): string {
  if (min === null || max === null) return '–';
  const days = Math.round((max - min) / 86_400_000);
  return `${fmtDate(min)} → ${fmtDate(max)} (${plural(days, 'day')})`;
}

/** Seconds → "45 s", "3 min 05 s", "1 h 02 min". */
export function fmtDuration(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s) || s < 0) return '–';
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function fmtBytes(b: number): string {
  if (b < 1024) return `${b} B`;
  if (b < 1024 ** 2) return `${(b / 1024).toFixed(1)} kB`;
  return `${(b / 1024 ** 2).toFixed(1)} MB`;
}

/** An item as people read it: its title, else its id. */
export const itemName = (x: { item: string; title: string | null }): string => x.title ?? x.item;

/** Histogram bin label: "1", "3–4", "1000+". */
export function binLabel(b: { from: number; to: number | null }): string {
  if (b.to === null) return `${b.from}+`;
  return b.to === b.from ? String(b.from) : `${b.from}–${b.to}`;
}
