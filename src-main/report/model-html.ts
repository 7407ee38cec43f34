// The model report as one self-contained HTML file (issue 14 item 5): settings and test metrics,
// attention trust, the map of influences as a table and a graph of its strongest links, and the
// users sliced three ways. The same CSP, style and escaping as the user report (html.ts): every
// id, title and name passes through escapeHtml.
import { PALETTE } from '../core/palette';
import type { InfluencePairJson, InfluencesJson } from '../engine/influences';
import type { SlicesJson } from '../engine/slices';
import { escapeHtml as h } from './escape';
import { CSP, num, pct, STYLE } from './html';
import { GRAPH_PAIRS, type ModelReportData } from './model-report-data';

const itemName = (id: string, title: string | null) => (title ? `${h(title)} <span class="muted">(${h(id)})</span>` : h(id));

/**
 * The strongest links as a two-column graph: earlier purchases on the left, later ones on the
 * right, one line per pair, its width growing with the weight (negative weights drawn dashed).
 */
export function influenceGraphSvg(pairs: readonly InfluencePairJson[]): string {
  if (pairs.length === 0) return '';
  const left = [...new Set(pairs.map((p) => p.from))];
  const right = [...new Set(pairs.map((p) => p.to))];
  const title = new Map<string, string | null>();
  for (const p of pairs) {
    title.set(`f${p.from}`, p.fromTitle);
    title.set(`t${p.to}`, p.toTitle);
  }
  const row = 22;
  const height = Math.max(left.length, right.length) * row + 10;
  const width = 760;
  const xl = 250;
  const xr = width - 250;
  const y = (list: string[], id: string) => 10 + list.indexOf(id) * row + row / 2;
  const top = Math.max(...pairs.map((p) => Math.abs(p.weight))) || 1;
  const label = (text: string) => (text.length > 34 ? `${text.slice(0, 33)}…` : text);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="Strongest influences: earlier purchases (left) to later purchases (right)">`];
  for (const p of pairs) {
    const w = 0.8 + (5 * Math.abs(p.weight)) / top;
    parts.push(
      `<line x1="${xl}" y1="${y(left, p.from)}" x2="${xr}" y2="${y(right, p.to)}" stroke="${p.weight < 0 ? PALETTE.negative : PALETTE.memory}" stroke-width="${w.toFixed(2)}" stroke-opacity="0.7"${p.weight < 0 ? ' stroke-dasharray="4 3"' : ''}><title>${h(p.fromTitle ?? p.from)} → ${h(p.toTitle ?? p.to)}: ${num(p.weight)} over ${p.steps} steps</title></line>`,
    );
  }
  for (const id of left) parts.push(`<text x="${xl - 6}" y="${y(left, id) + 4}" font-size="11" text-anchor="end">${h(label(title.get(`f${id}`) ?? id))}</text>`);
  for (const id of right) parts.push(`<text x="${xr + 6}" y="${y(right, id) + 4}" font-size="11">${h(label(title.get(`t${id}`) ?? id))}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

function influencesSection(m: InfluencesJson | { note: string }): string {
  if (!('pairs' in m)) return `<p>${h(m.note)}</p>`;
  const rows = m.pairs
    .map((p, r) => `<tr><td class="num">${r + 1}</td><td>${itemName(p.from, p.fromTitle)}</td><td>${itemName(p.to, p.toTitle)}</td><td class="num">${num(p.weight)}</td><td class="num">${p.steps}</td></tr>`)
    .join('');
  const sample = m.sampled ? `a seeded sample of ${m.users} of ${m.eligibleUsers} users (seed ${m.seed})` : `all ${m.users} users`;
  return (
    `<p>${h(m.note)} Over ${m.steps} steps of ${sample}, ${m.part === 'train' ? 'training part' : 'whole timelines'}; ${m.totalPairs} distinct pairs, the strongest ${m.pairs.length} below.</p>` +
    influenceGraphSvg(m.pairs.slice(0, GRAPH_PAIRS)) +
    `<table><tr><th>#</th><th>earlier purchase</th><th>later purchase</th><th>weight (${m.by === 'shapley' ? 'summed Shapley value' : 'summed attention'})</th><th>steps</th></tr>${rows}</table>`
  );
}

function slicesSection(s: SlicesJson): string {
  const rows = s.slices
    .map((x) => {
      const m = x.metrics;
      const se = x.standardError;
      const cell = (k: 'hr' | 'ndcg') => (m ? `${pct(m[k])}${se ? ` ± ${pct(se[k])}` : ''}` : '–');
      const top = x.influences.pairs[0];
      const trust = x.trust.note ? h(x.trust.note) : `${pct(x.trust.top1Agreement)} <span class="muted">(${x.trust.steps} steps)</span>`;
      return (
        `<tr><td>${h(x.name)}</td><td class="num">${x.users}</td><td class="num">${x.testUsers}</td><td class="num">${cell('hr')}</td><td class="num">${cell('ndcg')}</td>` +
        `<td class="num">${trust}</td><td>${top ? `${itemName(top.from, top.fromTitle)} → ${itemName(top.to, top.toTitle)}` : h(x.influences.note ?? '–')}</td></tr>`
      );
    })
    .join('');
  return `<h3>By ${h(s.by)}: ${h(s.rule)}</h3><table><tr><th>slice</th><th>users</th><th>test users</th><th>HR@${s.n} ± SE</th><th>NDCG@${s.n} ± SE</th><th>attention trust (top-1 agreement)</th><th>strongest influence</th></tr>${rows}</table>`;
}

export function renderModelHtml(d: ModelReportData): string {
  const c = d.model.config;
  const test = d.model.test as { metrics?: Record<string, number>; users?: number } | null;
  const metrics = test?.metrics
    ? `<table><tr><th>P@${d.model.n}</th><th>R@${d.model.n}</th><th>F1@${d.model.n}</th><th>HR@${d.model.n}</th><th>NDCG@${d.model.n}</th><th>test users</th></tr><tr>${['precision', 'recall', 'f1', 'hr', 'ndcg']
        .map((k) => `<td class="num">${pct(test.metrics![k])}</td>`)
        .join('')}<td class="num">${test.users ?? ''}</td></tr></table>`
    : '<p class="muted">No stored test metrics.</p>';
  const t = d.trust;
  const trust = t.note
    ? `<p>${h(t.note)}</p>`
    : `<p>Over ${t.steps} steps${t.sampled ? ` (a seeded sample of ${t.eligibleSteps})` : ''}, the slot with the most attention is the one with the largest Shapley value at ${pct(t.top1Agreement)} of the steps; mean Kendall τ between attention and Shapley values ${num(t.meanKendallTau, 2)}.</p>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RUM model report: model ${d.model.modelId}</title>
<style>${STYLE}</style></head><body>
<h1>What model ${d.model.modelId} learned: ${h(d.model.title)}</h1>
<p><span class="muted">(${h(d.model.kind)})</span> D ${h(c.dim)}, K ${h(c.slots)}, α ${h(c.alpha)}, β ${h(c.beta)}, seed ${h(c.seed)}; ${d.model.users} users, ${d.model.items} items.
Data: ${d.dataset ? h(d.dataset) : 'unnamed dataset'}. <span class="muted">Generated ${h(d.generated)} by RUM workbench.</span></p>
<h2>Test metrics (the paper's protocol)</h2>
${metrics}
<h2>How far its attention can be trusted</h2>
${trust}
<h2>The map of influences: which earlier purchase drives which later one</h2>
${influencesSection(d.influences)}
<h2>Slices of users</h2>
<p>Each slice's metrics are the mean of its test users' own figures, ± their standard error; its attention trust and strongest influence are measured over its own users' steps (sampled where stated in the JSON form of this report).</p>
${d.slices.map(slicesSection).join('\n')}
</body></html>`;
}
