import { PALETTE, PATTERN_MARKS } from '../core/palette';
import type { ExplainJson } from '../engine/explain-service';
import { escapeHtml as h } from './escape';
import type { ReportData, StepBrief } from './report-data';
import { attentionSvg, heatmapSvg, scoreSplitSvg } from './svg';

// No script, no external resource, and a CSP that forbids both: a title holding <script> stays
// text, and the file opens the same offline, in a mail client or years later.
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// Page numbers are CSS page-margin boxes, so both printers (report/pdf.ts and Electron's
// printToPDF) number the pages with no option of their own; a browser ignores them on screen.
export const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:1100px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.muted{color:${PALETTE.muted}}.num{text-align:right;font-variant-numeric:tabular-nums}
details{margin:6px 0;border:1px solid #e5e5e5;border-radius:4px;padding:4px 10px}summary{cursor:pointer;font-weight:600}
.reason{color:#333;font-style:italic}svg{max-width:100%;height:auto}.hit{color:${PALETTE.hit}}.miss{color:${PALETTE.miss}}
.main{font-weight:600}
@page{size:A4;margin:12mm 10mm 14mm;@bottom-center{content:"Page " counter(page) " of " counter(pages);font:9px system-ui,sans-serif;color:#555}}
@media print{body{margin:0;max-width:none;font-size:11.5px}td,th{padding:2px 6px}details{break-inside:avoid}summary{list-style:none}h2.detail{break-before:page}svg.fit{max-height:250mm}}
`;

export const pct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(100 * x).toFixed(1)} %`);
export const num = (x: number | null | undefined, d = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : Math.abs(x) < 0.5 * 10 ** -d ? (0).toFixed(d) : x.toFixed(d));
const steps = (k: number) => `${k} step${k === 1 ? '' : 's'}`;
const name = (x: { item: string; title: string | null }) => (x.title ? `${h(x.title)} <span class="muted">(${h(x.item)})</span>` : h(x.item));

/** Why the three numbers of a slot can disagree: said once in the report, as in the app. */
export const WHY_THEY_DIFFER =
  'Attention is how much of the memory the item reads from a slot; the Shapley value is the slot\u2019s average effect on the logit over every order of removing slots, and the slots\u2019 values add up to the memory part exactly; removing one slot re-takes the softmax over the others, which moves its attention to them, so the logit without it can move the other way from what its attention or share suggests.';

function slotTable(rec: NonNullable<ExplainJson['candidate']>): string {
  type Slot = (typeof rec.slots)[number] & { shapley?: number };
  const slots = rec.slots as Slot[];
  if (slots.length === 0) return '';
  if (!rec.additive) {
    // No parts (SASRec): each purchase's effect is the logit with it left out, the model run again.
    const rows = slots
      .map((s) => `<tr><td class="num">${s.slot}</td><td>${name(s)}</td><td class="num main">${num(rec.logit - s.withoutSlotLogit)}</td><td class="num">${pct(s.attention)}</td><td class="num">${num(s.withoutSlotLogit)}</td><td class="num">${s.withoutSlotRank}</td></tr>`)
      .join('');
    return `<table><tr><th>slot</th><th>earlier purchase</th><th class="main">logit lost without it</th><th>attention</th><th>logit without it</th><th>rank without it</th></tr>${rows}</table><p class="muted">${h(rec.shapleyNote ?? '')}.</p>`;
  }
  const withShapley = slots.some((s) => typeof s.shapley === 'number');
  const head = withShapley
    ? '<th>slot</th><th>earlier purchase</th><th class="main">contribution (Shapley)</th><th>attention</th><th>share α z (m·q)</th><th>logit without it</th>'
    : '<th>slot</th><th>earlier purchase</th><th>attention</th><th>share α z (m·q)</th><th>logit without it</th>';
  const rows = slots
    .map(
      (s) =>
        `<tr><td class="num">${s.slot}</td><td>${name(s)}</td>${withShapley ? `<td class="num main">${num(s.shapley)}</td>` : ''}` +
        `<td class="num">${pct(s.attention)}</td><td class="num">${num(s.share)}</td><td class="num">${num(s.withoutSlotLogit)}</td></tr>`,
    )
    .join('');
  return `<table><tr>${head}</tr>${rows}</table>`;
}

function stepSection(ex: ExplainJson, why: string, open: boolean, n: number): string {
  const bought = ex.purchased ? `bought ${name(ex.purchased)}` : 'after the last purchase';
  const c = ex.candidate;
  const verdict = c ? ` — <span class="${c.rank <= n ? 'hit' : 'miss'}">ranked ${c.rank}${c.rank <= n ? ` (a hit: top ${n})` : ` (a miss: not in the top ${n})`}</span>` : '';
  const rows = ex.recommendations
    .map(
      (r) =>
        `<tr><td class="num">${r.rank}</td><td>${name(r)}<div class="reason">${h(r.reason)}</div></td>` +
        `<td class="num">${r.score.toFixed(4)}</td><td class="num">${num(r.logit)}</td><td class="num">${num(r.intrinsic)}</td><td class="num">${num(r.memory)}</td></tr>`,
    )
    .join('');
  const focus = ex.attentionFor ? `attention of ${name(ex.attentionFor)} (${ex.attentionFor.why === 'purchase' ? 'the purchase made at this step' : 'the top recommendation'})` : '';
  const boughtDetail = c
    ? `<h4>The item bought, slot by slot (${focus}): logit ${num(c.logit)}${c.additive ? ` = intrinsic ${num(c.intrinsic)} + memory ${num(c.memory)}` : ', all from the purchases read (no intrinsic part)'}</h4>${c.slots.length ? slotTable(c) : '<p class="muted">The memory is empty at this step.</p>'}`
    : '';
  return (
    `<details${open ? ' open' : ''} id="step-${ex.step}"><summary>Step ${ex.step} (${ex.part}): ${bought}${verdict}</summary>` +
    `<p class="muted">Detailed because: ${h(why)}</p>` +
    // The item bought is the one whose attention the memory chart would draw: its table below
    // holds the same attention beside the other numbers, so the chart is left out (a page each).
    (c ? '' : `<h4>Memory: ${focus}</h4>${attentionSvg(ex)}`) +
    boughtDetail +
    `<h4>Top ${ex.recommendations.length} among items not bought before step ${ex.step}</h4>` +
    `<table><tr><th>#</th><th>item and reason</th><th>score</th><th>logit</th><th>intrinsic</th><th>memory</th></tr>${rows}</table>` +
    scoreSplitSvg(ex) +
    '</details>'
  );
}

function briefTable(rows: StepBrief[], detailed: Set<number>, n: number, empty: string, withTrigger = false): string {
  if (rows.length === 0) return `<p class="muted">${empty}</p>`;
  const body = rows
    .map((r) => {
      const step = detailed.has(r.step) ? `<a href="#step-${r.step}">${r.step}</a>` : String(r.step);
      const trigger = withTrigger ? `<td>${r.pattern}${r.trigger === null ? '' : ` from step ${r.trigger}`}</td><td class="num">${pct(r.topWeight)}</td>` : '';
      return `<tr><td class="num">${step}</td><td>${r.part}</td><td>${name(r)}</td><td class="num ${r.rank <= n ? 'hit' : 'miss'}">${r.rank}</td>${trigger}</tr>`;
    })
    .join('');
  return `<table><tr><th>step</th><th>part</th><th>bought</th><th>rank</th>${withTrigger ? '<th>pattern</th><th>top slot</th>' : ''}</tr>${body}</table>`;
}

/** A single self-contained HTML file: a summary, then the chosen steps in detail. */
export function renderHtml(data: ReportData, opts: { openAll?: boolean } = {}): string {
  const tl = data.timeline;
  const s = data.summary;
  const counts = { 'one-to-one': 0, 'one-to-multiple': 0 } as Record<string, number>;
  for (const st of tl.steps) if (st.pattern in counts) counts[st.pattern]++;
  const test = data.model.test as { metrics?: Record<string, number>; users?: number; n?: number } | undefined;
  const metrics = test?.metrics
    ? `<table><tr><th></th><th>P@${test.n ?? s.n}</th><th>R</th><th>F1</th><th>HR</th><th>NDCG</th><th>users</th></tr><tr><td>model, all test users</td>${['precision', 'recall', 'f1', 'hr', 'ndcg']
        .map((k) => `<td class="num">${pct(test.metrics![k])}</td>`)
        .join('')}<td class="num">${test.users ?? ''}</td></tr></table>`
    : '';
  const part = (label: string, f: typeof s.train) => `<tr><td>${label}</td><td class="num">${f.steps}</td><td class="num">${f.hits}</td><td class="num">${pct(f.hr)}</td><td class="num">${pct(f.ndcg)}</td></tr>`;
  const userMetrics = `<table><tr><th>this user</th><th>steps</th><th>hits (rank ≤ ${s.n})</th><th>HR@${s.n}</th><th>NDCG@${s.n}</th></tr>${part('training part', s.train)}${part('test part', s.test)}</table>`;
  const c = data.model.config;
  const detailed = new Set(s.selection.detailed.map((d) => d.step));
  const why = new Map(s.selection.detailed.map((d) => [d.step, d.why]));
  const trust = s.trust
    ? s.trust.note
      ? `<p>Attention trust: ${h(s.trust.note)}</p>`
      : `<p>Attention trust (this model, ${s.trust.steps} steps${s.trust.sampled ? ', a seeded sample' : ''}): the slot with the most attention is the one with the largest Shapley value at ${pct(s.trust.top1Agreement)} of the steps; mean Kendall τ between attention and Shapley values ${num(s.trust.meanKendallTau, 2)}.</p>`
    : '';
  const datasetName = data.dataset.name ? `${h(data.dataset.name)} <span class="muted">(dataset ${data.dataset.datasetId})</span>` : `dataset ${data.dataset.datasetId}`;
  const selection =
    s.selection.steps === 'default'
      ? `the end of the training part, the worst test misses, the best test hits and the strongest triggers (${detailed.size} of ${tl.steps.length + 1} steps; <code>--steps all|hits|misses|A-B</code> chooses others)`
      : `<code>--steps ${h(s.selection.steps)}</code> (${detailed.size} of ${tl.steps.length + 1} steps)`;
  const mark = (p: keyof typeof PATTERN_MARKS) => `<span style="color:${PATTERN_MARKS[p].colour}">${PATTERN_MARKS[p].mark}</span>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RUM explanation report: user ${h(data.user)}</title>
<style>${STYLE}</style></head><body>
<h1>Why the model recommends what it does: user ${h(data.user)}</h1>
<p>Model: <strong>${h(data.model.title)}</strong> <span class="muted">(${h(data.model.kind)}, model ${data.model.modelId}, trained on ${h(data.model.backend)})</span>,
D ${h(c.dim)}, K ${h(c.slots)}, α ${h(c.alpha)}, β ${h(c.beta)}, seed ${h(c.seed)}, N ${s.n}. Data: ${datasetName}.
<span class="muted">Generated ${h(data.generatedAt)} by RUM workbench.</span></p>
<h2>Summary</h2>
${metrics}
${userMetrics}
${trust}
<p>${tl.steps.length} purchases: ${tl.trainLength} in the training part, ${tl.steps.length - tl.trainLength} in the test part. A step is a hit when the item bought there ranks within the top ${s.n} of the items not bought before it.</p>
${
  tl.memoryKind === 'latent'
    ? `<h2>Timeline: where each purchase wrote the memory</h2>
<p>Columns are the user's ${tl.steps.length} purchases in time order, rows the model's ${h(String(tl.slotNames?.length ?? 0))} latent features (each named by the items that load on it most);
darker = a larger share of that purchase's write went into the feature (feature-level RUM's counterpart of the paper's Figure 4); the shaded part is the test part.
The strip below: <span class="hit">■</span> hit, <span class="miss">■</span> miss (pale).</p>
`
    : `<h2>Timeline: where each purchase's attention goes</h2>
<p>Columns are the user's ${tl.steps.length} purchases in time order, rows the earlier purchases; darker = more attention
(the paper's Figure 4); the shaded part is the test part. Marks above a column: ${mark('one-to-one')} one-to-one (${steps(counts['one-to-one'])}: driven by the purchase just before),
${mark('one-to-multiple')} one-to-multiple (${steps(counts['one-to-multiple'])}: one earlier purchase drives several later ones).
The strip below: <span class="hit">■</span> hit, <span class="miss">■</span> miss (pale).
A step counts as driven when its top slot holds at least ${Math.round(100 * tl.thresholds.minWeight)} % of the attention; one-to-multiple needs ${tl.thresholds.minFollowers} or more followers.</p>
`
}${heatmapSvg(tl, { ranks: s.ranks, n: s.n })}
<h2>The steps that matter</h2>
<h3>Misses in the test part, worst first</h3>
${briefTable(s.misses, detailed, s.n, 'No test step was a miss.')}
<h3>Hits in the test part, best first</h3>
${briefTable(s.hits, detailed, s.n, 'No test step was a hit.')}
<h3>Strongest triggers</h3>
${briefTable(s.triggers, detailed, s.n, 'No step follows a named pattern.', true)}
<h2 class="detail">Step detail</h2>
<p>Steps detailed: ${selection}. Each shows the memory before that purchase, the item bought slot by slot, and the top recommendations with the logit split into the user's intrinsic taste
(p*·q) and the memory's part (α Σ z·(m·q)), with a reason computed from those numbers (ranks without a slot are re-computed, not guessed).</p>
<p class="reason">${h(WHY_THEY_DIFFER)}</p>
${data.steps.map((ex) => stepSection(ex, why.get(ex.step) ?? '', opts.openAll === true || ex.step === tl.trainLength, s.n)).join('\n')}
</body></html>
`;
}
