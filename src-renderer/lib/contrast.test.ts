// Read from disk: vitest hands a CSS import over empty (even with ?raw), and this test runs in Node.
import { readFileSync } from 'fs';
import { describe, expect, it } from 'vitest';
import { backgroundOf, contrast, cssVariables, luminance, parseColour, parseRules, resolveColour, type Rgb } from './contrast';

const AA = 4.5;
const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
const rules = parseRules(css);
const vars = cssVariables(rules);
const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

// Every solid background the stylesheet paints, and the page and card colours. Text whose rule
// sets no background of its own may sit on any of the light ones (rows, chips, badges, cards,
// tracks), or, inside the top bar, on any of the bar's. Mid-tone and dark fills elsewhere (bars,
// swatches, rules) carry no text unless their own rule sets a colour, checked then as a pair.
const inTopbar = (selector: string) => /^\.(topbar|tab|brand)\b/.test(selector);
const surfaces: { where: string; bg: Rgb }[] = [
  { where: '--bg', bg: resolveColour('var(--bg)', vars)! },
  { where: '--card', bg: resolveColour('var(--card)', vars)! },
  ...rules.flatMap((r) => {
    const bg = backgroundOf(r, vars);
    return bg ? [{ where: r.selector, bg }] : [];
  }),
];
const light = surfaces.filter((s) => !inTopbar(s.where) && luminance(s.bg) >= 0.6);
const dark = surfaces.filter((s) => inTopbar(s.where));

// SVG text is coloured with fill; these classes are text (the heatmap's labels).
const TEXT_FILLS = new Set(['.hm-num', '.hm-row', '.hm-row.in-memory']);

/** Each text colour in the stylesheet with the backgrounds it may be read on. */
function pairs(): { text: string; colour: Rgb; bg: Rgb; where: string }[] {
  const out: { text: string; colour: Rgb; bg: Rgb; where: string }[] = [];
  for (const r of rules) {
    // A disabled control is exempt from WCAG's contrast rule (and is dimmed on purpose).
    if (r.selector.includes(':disabled')) continue;
    const value = r.decls.color ?? (TEXT_FILLS.has(r.selector) ? r.decls.fill : undefined);
    const colour = resolveColour(value, vars);
    if (!colour) continue;
    const own = backgroundOf(r, vars);
    if (own) out.push({ text: r.selector, colour, bg: own, where: r.selector });
    else {
      for (const s of inTopbar(r.selector) ? dark : light) out.push({ text: r.selector, colour, bg: s.bg, where: s.where });
    }
  }
  return out;
}

describe('WCAG contrast', () => {
  it('computes the ratios WCAG gives', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 6);
    expect(contrast(parseColour('#777')!, [255, 255, 255])).toBeCloseTo(4.48, 2);
    expect(contrast(parseColour('#767676')!, parseColour('white')!)).toBeGreaterThanOrEqual(4.5);
    expect(parseColour('rgb(12, 44, 122)')).toEqual([12, 44, 122]);
    expect(parseColour('linear-gradient(90deg, #fff, #000)')).toBeNull();
  });

  it('finds the text colours and the surfaces they sit on', () => {
    // Guards the parser: were it to find nothing, every check below would pass vacuously.
    expect(vars['--muted']).toBeDefined();
    expect(light.length).toBeGreaterThan(10);
    expect(dark.length).toBeGreaterThan(0);
    expect(pairs().some((p) => p.text === '.muted')).toBe(true);
  });

  it('gives every text colour at least 4.5:1 (AA) on every background it can sit on', () => {
    const failing = pairs()
      .filter((p) => contrast(p.colour, p.bg) < AA)
      .map((p) => `${p.text} ${hex(p.colour)} on ${p.where} ${hex(p.bg)}: ${contrast(p.colour, p.bg).toFixed(2)}:1`);
    expect(failing).toEqual([]);
  });

  it('draws the keyboard focus ring at 3:1 or more (WCAG non-text contrast) wherever a control can be', () => {
    const ring = resolveColour('var(--focus)', vars)!;
    const ringOnDark = resolveColour('var(--focus-on-dark)', vars)!;
    const failing = [
      ...light.filter((s) => contrast(ring, s.bg) < 3).map((s) => `--focus on ${s.where}`),
      ...dark.filter((s) => contrast(ringOnDark, s.bg) < 3).map((s) => `--focus-on-dark on ${s.where}`),
    ];
    expect(failing).toEqual([]);
    // The ring is drawn for every focusable control, and nothing turns outlines off.
    expect(rules.some((r) => r.selector === ':focus-visible' && /solid var\(--focus\)/.test(r.decls.outline ?? ''))).toBe(true);
    expect(rules.filter((r) => /^(none|0)$/.test(r.decls.outline ?? ''))).toEqual([]);
  });
});
