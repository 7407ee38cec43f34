// WCAG 2.x contrast of the stylesheet's text colours, so a colour change that makes text hard to
// read fails a test (contrast.test.ts) instead of an analyst's eyes. Pure: takes the CSS as text.

export type Rgb = [number, number, number];

/** "#abc", "#aabbcc", "rgb(1, 2, 3)", "white": the colour, or null for anything else (gradients, rgba). */
export function parseColour(text: string): Rgb | null {
  const t = text.trim().toLowerCase();
  if (t === 'white' || t === '#fff') return [255, 255, 255];
  if (t === 'black') return [0, 0, 0];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(t);
  if (short) return [1, 2, 3].map((k) => parseInt(short[k] + short[k], 16)) as Rgb;
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(t);
  if (long) return [1, 2, 3].map((k) => parseInt(long[k], 16)) as Rgb;
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(t);
  if (rgb) return [1, 2, 3].map((k) => Number(rgb[k])) as Rgb;
  return null;
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio, 1 to 21; AA asks 4.5 for body text. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export interface CssRule {
  selector: string;
  decls: Record<string, string>;
}

/** Flat rules of a stylesheet (a media query's rules included), comments dropped. */
export function parseRules(css: string): CssRule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@(media|supports)[^{]*\{/g, '');
  const out: CssRule[] = [];
  for (const m of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const decls: Record<string, string> = {};
    for (const d of m[2].split(';')) {
      const i = d.indexOf(':');
      if (i > 0) decls[d.slice(0, i).trim()] = d.slice(i + 1).trim();
    }
    out.push({ selector: m[1].trim(), decls });
  }
  return out;
}

/** The custom properties set on :root. */
export function cssVariables(rules: CssRule[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const r of rules) if (r.selector === ':root') for (const [k, v] of Object.entries(r.decls)) if (k.startsWith('--')) vars[k] = v;
  return vars;
}

/** A declaration's colour with var(--x) looked up; null when it is not one plain colour. */
export function resolveColour(value: string | undefined, vars: Record<string, string>): Rgb | null {
  if (value === undefined) return null;
  const v = /^var\((--[\w-]+)\)$/.exec(value.trim());
  return parseColour(v ? (vars[v[1]] ?? '') : value);
}

/** The solid colour of a rule's background (`background` or `background-color`), if it has one. */
export function backgroundOf(rule: CssRule, vars: Record<string, string>): Rgb | null {
  return resolveColour(rule.decls['background-color'] ?? rule.decls.background, vars);
}
