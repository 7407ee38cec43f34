/** Every user-supplied string (ids, titles, names) goes through this before it touches HTML or SVG. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A text cell of a CSV: formula injection defused (a cell starting with = + - @, tab or CR is
 * prefixed with ' so spreadsheets show it as text; OWASP's advice), then RFC 4180 quoting.
 * Numbers go through csvNumber instead: "-0.25" is data, not a formula.
 */
export function csvText(s: string | null | undefined): string {
  let v = s ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvNumber(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '' : String(x);
}
