// Inline SVG charts for the reports: no script, no external request, every label escaped.
import type { ExplainJson, TimelineJson } from '../engine/explain-service';
import { escapeHtml as h } from './escape';

const BLUE = '#1f5fa8';
const ORANGE = '#d9822b';
const GREEN = '#2e8b57';
const PATTERN_COLOUR: Record<string, string> = { 'one-to-one': ORANGE, 'one-to-multiple': GREEN };

const label = (title: string | null, item: string) => (title ?? item).slice(0, 38);
const fmt = (x: number) => x.toFixed(3);

/**
 * The paper's Figure 4: columns are steps, rows are the earlier purchases, darker = more
 * attention from the purchase at that step. Pattern marks sit above their columns.
 */
export function heatmapSvg(tl: TimelineJson): string {
  const n = tl.steps.length;
  if (n < 2) return '<p>Too few purchases for a timeline.</p>';
  const cell = Math.max(4, Math.min(18, Math.floor(640 / n)));
  const labels = n <= 60;
  const left = labels ? 250 : 40;
  const top = 40;
  const width = left + n * cell + 10;
  const height = top + (n - 1) * cell + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="Attention of each purchase over the earlier purchases">`,
  ];
  const split = left + tl.trainLength * cell;
  parts.push(`<line x1="${split}" y1="${top - 12}" x2="${split}" y2="${height - 20}" stroke="#999" stroke-dasharray="3 3"/>`);
  parts.push(`<text x="${split + 3}" y="${top - 16}" font-size="10" fill="#666">test →</text>`);
  for (let r = 0; r < n - 1; r++) {
    const y = top + r * cell;
    if (labels) parts.push(`<text x="${left - 4}" y="${y + cell - 3}" font-size="${Math.min(11, cell)}" text-anchor="end">${r}: ${h(label(tl.steps[r].title, tl.steps[r].item))}</text>`);
    else if (r % 10 === 0) parts.push(`<text x="${left - 4}" y="${y + cell}" font-size="9" text-anchor="end">${r}</text>`);
  }
  for (const s of tl.steps) {
    const x = left + s.step * cell;
    if (s.step % (labels ? 5 : 20) === 0) parts.push(`<text x="${x}" y="${height - 6}" font-size="9">${s.step}</text>`);
    if (s.pattern !== 'none') {
      parts.push(`<circle cx="${x + cell / 2}" cy="${top - 6}" r="${Math.max(2, cell / 3)}" fill="${PATTERN_COLOUR[s.pattern]}"><title>step ${s.step}: ${s.pattern} from step ${s.trigger}</title></circle>`);
    }
    for (const a of s.attention) {
      const y = top + a.step * cell;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${BLUE}" fill-opacity="${Math.max(0.04, a.weight).toFixed(3)}">` +
          `<title>step ${s.step} (${h(label(s.title, s.item))}) on step ${a.step} (${h(label(tl.steps[a.step]?.title ?? null, a.item))}): ${fmt(a.weight)}</title></rect>`,
      );
    }
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The memory at a step as bars of attention. */
export function attentionSvg(ex: ExplainJson): string {
  if (ex.memory.length === 0) return '<p class="muted">The memory is empty at this step.</p>';
  const row = 18;
  const left = 260;
  const w = 220;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${left + w + 60}" height="${ex.memory.length * row + 4}" role="img" aria-label="Attention per memory slot">`];
  ex.memory.forEach((m, k) => {
    const y = k * row;
    parts.push(`<text x="${left - 6}" y="${y + 13}" font-size="11" text-anchor="end">${h(label(m.title, m.item))}</text>`);
    parts.push(`<rect x="${left}" y="${y + 3}" width="${(w * m.attention).toFixed(1)}" height="${row - 6}" fill="${BLUE}"/>`);
    parts.push(`<text x="${left + w * m.attention + 4}" y="${y + 13}" font-size="10">${(100 * m.attention).toFixed(1)} %</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Each recommendation's logit as intrinsic + memory, drawn from a shared zero line. */
export function scoreSplitSvg(ex: ExplainJson): string {
  const recs = ex.recommendations;
  if (recs.length === 0) return '';
  const row = 20;
  const left = 260;
  const w = 300;
  const lo = Math.min(0, ...recs.map((r) => Math.min(r.intrinsic, r.intrinsic + r.memory, r.memory)));
  const hi = Math.max(0, ...recs.map((r) => Math.max(r.intrinsic, r.intrinsic + r.memory, r.memory)));
  const scale = (x: number) => left + ((x - lo) / (hi - lo || 1)) * w;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${left + w + 80}" height="${recs.length * row + 20}" role="img" aria-label="Score split into intrinsic and memory parts">`];
  parts.push(`<line x1="${scale(0)}" y1="0" x2="${scale(0)}" y2="${recs.length * row}" stroke="#444"/>`);
  recs.forEach((r, k) => {
    const y = k * row;
    parts.push(`<text x="${left - 6}" y="${y + 14}" font-size="11" text-anchor="end">${r.rank}. ${h(label(r.title, r.item))}</text>`);
    const a = scale(0);
    const b = scale(r.intrinsic);
    const c = scale(r.intrinsic + r.memory);
    parts.push(`<rect x="${Math.min(a, b)}" y="${y + 3}" width="${Math.abs(b - a)}" height="${row - 6}" fill="${BLUE}"><title>intrinsic ${fmt(r.intrinsic)}</title></rect>`);
    parts.push(`<rect x="${Math.min(b, c)}" y="${y + 3}" width="${Math.abs(c - b)}" height="${row - 6}" fill="${ORANGE}"><title>memory ${fmt(r.memory)}</title></rect>`);
    parts.push(`<text x="${Math.max(a, b, c) + 4}" y="${y + 14}" font-size="10">${fmt(r.logit)}</text>`);
  });
  parts.push(
    `<text x="${left}" y="${recs.length * row + 14}" font-size="10"><tspan fill="${BLUE}">■ intrinsic p*·q</tspan>  <tspan fill="${ORANGE}">■ memory α Σ z (m·q)</tspan></text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
