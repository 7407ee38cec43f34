// Inline SVG charts for the reports: no script, no external request, every label escaped.
import { heatColour, PALETTE, PATTERN_MARKS } from '../core/palette';
import type { ExplainJson, TimelineJson } from '../engine/explain-service';
import { escapeHtml as h } from './escape';

// The app's palette (core/palette.ts): the same colours and marks as the timeline view.
const INTRINSIC = PALETTE.intrinsic;
const MEMORY = PALETTE.memory;

const label = (title: string | null, item: string) => (title ?? item).slice(0, 38);
const fmt = (x: number) => x.toFixed(3);

/**
 * The paper's Figure 4: columns are steps, rows are the earlier purchases, darker = more
 * attention from the purchase at that step. Pattern marks sit above their columns, and with
 * `ranks` a strip below them marks each step a hit (rank <= n) or a miss. Drawn in a viewBox at
 * 100 % width, so any length of timeline fits the page's width (and, square, its height).
 */
export function heatmapSvg(tl: TimelineJson, ranks?: { ranks: number[]; n: number }): string {
  const n = tl.steps.length;
  if (n < 2) return '<p>Too few purchases for a timeline.</p>';
  const labels = n <= 40;
  const cell = labels ? 14 : 4;
  // In viewBox units: the chart is scaled to the page's width, so a long timeline's axis text
  // is drawn larger to come out readable, with margins to match.
  const font = labels ? 11 : Math.max(9, Math.round((n * cell) / 50));
  const left = labels ? 250 : Math.ceil(font * 2.6);
  const top = labels ? 40 : 2 * font + 10;
  const strip = ranks ? (labels ? 3 * cell : Math.round(0.8 * font)) : 0;
  // Feature-level RUM: rows are the K latent features its purchases write into (tall enough for
  // their names), not the earlier purchases.
  const latent = tl.memoryKind === 'latent';
  const K = latent ? Math.max(0, ...tl.steps.map((s) => s.attention.length)) : 0;
  const rows = latent ? K : n - 1;
  const rowH = latent ? Math.max(cell, Math.ceil(font * 1.4)) : cell;
  const rowOf = (a: { slot: number; step: number }) => (latent ? a.slot : a.step);
  const width = (latent ? left + 150 : left) + n * cell + 10;
  const height = top + rows * rowH + strip + font + 14;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" class="fit" role="img" aria-label="${latent ? 'Writes of each purchase into the latent features' : 'Attention of each purchase over the earlier purchases'}">`,
  ];
  const plotLeft = latent ? left + 150 : left;
  const split = plotLeft + tl.trainLength * cell;
  parts.push(`<rect x="${split}" y="${top}" width="${(n - tl.trainLength) * cell}" height="${rows * rowH}" fill="${PALETTE.memoryBand}" fill-opacity="0.5"/>`);
  parts.push(`<line x1="${split}" y1="${top - 12}" x2="${split}" y2="${height - 20}" stroke="#999" stroke-dasharray="3 3"/>`);
  parts.push(`<text x="${split + 3}" y="${top - 16}" font-size="${font}" fill="${PALETTE.test}">test →</text>`);
  const rowEvery = labels ? 1 : Math.max(10, Math.ceil(n / 40 / 10) * 10);
  for (let r = 0; r < rows; r++) {
    const y = top + r * rowH;
    if (latent) parts.push(`<text x="${plotLeft - 4}" y="${y + rowH - 3}" font-size="${Math.min(font, rowH - 2)}" text-anchor="end">${h((tl.slotNames?.[r] ?? `F${r + 1}`).slice(0, 60))}</text>`);
    else if (labels) parts.push(`<text x="${left - 4}" y="${y + cell - 3}" font-size="${Math.min(11, cell)}" text-anchor="end">${r}: ${h(label(tl.steps[r].title, tl.steps[r].item))}</text>`);
    else if (r % rowEvery === 0) parts.push(`<text x="${left - 4}" y="${y + cell}" font-size="${font}" text-anchor="end">${r}</text>`);
  }
  // A step number is about two font sizes wide: space them so they never run together.
  const colEvery = labels ? 5 : Math.ceil((2.4 * font) / cell / 10) * 10;
  const base = top + rows * rowH - cell;
  for (const s of tl.steps) {
    const x = plotLeft + s.step * cell;
    if (s.step % colEvery === 0) parts.push(`<text x="${x}" y="${height - 6}" font-size="${font}">${s.step}</text>`);
    const mark = PATTERN_MARKS[s.pattern as keyof typeof PATTERN_MARKS];
    if (mark) {
      parts.push(`<text x="${x + cell / 2}" y="${top - 3}" font-size="${Math.max(6, labels ? cell : font / 3)}" text-anchor="middle" fill="${mark.colour}">${mark.mark}<title>step ${s.step}: ${s.pattern} from step ${s.trigger}</title></text>`);
    }
    for (const a of s.attention) {
      const y = top + rowOf(a) * rowH;
      const on = latent ? `wrote into ${h(tl.slotNames?.[a.slot] ?? a.item)}` : `on step ${a.step} (${h(label(tl.steps[a.step]?.title ?? null, a.item))})`;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${rowH}" fill="${heatColour(a.weight)}">` + `<title>step ${s.step} (${h(label(s.title, s.item))}) ${on}: ${fmt(a.weight)}</title></rect>`,
      );
    }
    if (ranks) {
      const hit = ranks.ranks[s.step] <= ranks.n;
      parts.push(`<rect x="${x}" y="${base + cell}" width="${cell}" height="${strip - cell}" fill="${hit ? PALETTE.hit : PALETTE.miss}" fill-opacity="${hit ? 1 : 0.35}"><title>step ${s.step}: rank ${ranks.ranks[s.step]}</title></rect>`);
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
    parts.push(`<rect x="${left}" y="${y + 3}" width="${(w * m.attention).toFixed(1)}" height="${row - 6}" fill="${MEMORY}"/>`);
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
    parts.push(`<rect x="${Math.min(a, b)}" y="${y + 3}" width="${Math.abs(b - a)}" height="${row - 6}" fill="${INTRINSIC}"><title>intrinsic ${fmt(r.intrinsic)}</title></rect>`);
    parts.push(`<rect x="${Math.min(b, c)}" y="${y + 3}" width="${Math.abs(c - b)}" height="${row - 6}" fill="${r.memory < 0 ? PALETTE.negative : MEMORY}"><title>memory ${fmt(r.memory)}</title></rect>`);
    parts.push(`<text x="${Math.max(a, b, c) + 4}" y="${y + 14}" font-size="10">${fmt(r.logit)}</text>`);
  });
  parts.push(
    `<text x="${left}" y="${recs.length * row + 14}" font-size="10"><tspan fill="${INTRINSIC}">■ intrinsic p*·q</tspan>  <tspan fill="${MEMORY}">■ memory α Σ z (m·q)</tspan></text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
