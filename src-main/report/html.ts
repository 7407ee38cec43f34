import type { ExplainJson } from '../engine/explain-service';
import { escapeHtml as h } from './escape';
import type { ReportData } from './report-data';
import { attentionSvg, heatmapSvg, scoreSplitSvg } from './svg';

// No script, no external resource, and a CSP that forbids both: a title holding <script> stays
// text, and the file opens the same offline, in a mail client or years later.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:1100px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.muted{color:#777}.num{text-align:right;font-variant-numeric:tabular-nums}
details{margin:6px 0;border:1px solid #e5e5e5;border-radius:4px;padding:4px 10px}summary{cursor:pointer;font-weight:600}
.reason{color:#333;font-style:italic}svg{max-width:100%;height:auto}
@media print{details{break-inside:avoid}summary{list-style:none}}
`;

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const name = (x: { item: string; title: string | null }) => (x.title ? `${h(x.title)} <span class="muted">(${h(x.item)})</span>` : h(x.item));

function stepSection(ex: ExplainJson, open: boolean): string {
  const bought = ex.purchased ? `bought ${name(ex.purchased)}` : 'after the last purchase';
  const rows = ex.recommendations
    .map(
      (r) =>
        `<tr><td class="num">${r.rank}</td><td>${name(r)}<div class="reason">${h(r.reason)}</div></td>` +
        `<td class="num">${r.score.toFixed(4)}</td><td class="num">${r.logit.toFixed(3)}</td><td class="num">${r.intrinsic.toFixed(3)}</td><td class="num">${r.memory.toFixed(3)}</td></tr>`,
    )
    .join('');
  const focus = ex.attentionFor ? `attention of ${name(ex.attentionFor)} (${ex.attentionFor.why === 'purchase' ? 'the purchase made at this step' : 'the top recommendation'})` : '';
  return (
    `<details${open ? ' open' : ''}><summary>Step ${ex.step} (${ex.part}): ${bought}</summary>` +
    `<h4>Memory: ${focus}</h4>${attentionSvg(ex)}` +
    `<h4>Top ${ex.recommendations.length} among items not bought before step ${ex.step}</h4>` +
    `<table><tr><th>#</th><th>item and reason</th><th>score</th><th>logit</th><th>intrinsic</th><th>memory</th></tr>${rows}</table>` +
    scoreSplitSvg(ex) +
    '</details>'
  );
}

/** A single self-contained HTML file: the report people mail around. */
export function renderHtml(data: ReportData, opts: { openAll?: boolean } = {}): string {
  const tl = data.timeline;
  const counts = { 'one-to-one': 0, 'one-to-multiple': 0 } as Record<string, number>;
  for (const s of tl.steps) if (s.pattern in counts) counts[s.pattern]++;
  const test = data.model.test as { metrics?: Record<string, number>; users?: number; n?: number } | undefined;
  const metrics = test?.metrics
    ? `<table><tr><th>P@${test.n ?? 5}</th><th>R</th><th>F1</th><th>HR</th><th>NDCG</th><th>users</th></tr><tr>${['precision', 'recall', 'f1', 'hr', 'ndcg']
        .map((k) => `<td class="num">${pct(test.metrics![k])}</td>`)
        .join('')}<td class="num">${test.users ?? ''}</td></tr></table>`
    : '';
  const c = data.model.config as Record<string, unknown>;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RUM explanation report: user ${h(data.user)}</title>
<style>${STYLE}</style></head><body>
<h1>Why the model recommends what it does: user ${h(data.user)}</h1>
<p class="muted">Model ${data.model.modelId} (${h(data.model.kind)}, dataset ${data.model.datasetId}, trained on ${h(data.model.backend)}),
D ${h(c.dim)}, K ${h(c.slots)}, α ${h(c.alpha)}, β ${h(c.beta)}, seed ${h(c.seed)}. Generated ${h(data.generatedAt)} by RUM workbench.</p>
<h2>Model quality on the test part (paper protocol)</h2>${metrics}
<h2>Timeline: where each purchase's attention goes</h2>
<p>Columns are the user's ${tl.steps.length} purchases in time order, rows the earlier purchases; darker = more attention
(the paper's Figure 4). Marks above a column: <span style="color:#d9822b">●</span> one-to-one (${counts['one-to-one']} steps: driven by the purchase just before),
<span style="color:#2e8b57">●</span> one-to-multiple (${counts['one-to-multiple']} steps: one earlier purchase drives several later ones).
A step counts as driven when its top slot holds at least ${Math.round(100 * tl.thresholds.minWeight)} % of the attention; one-to-multiple needs ${tl.thresholds.minFollowers} or more followers.</p>
${heatmapSvg(tl)}
<h2>Step by step</h2>
<p>Each step shows the memory before that purchase, the top recommendations with the logit split into the user's intrinsic taste
(p*·q) and the memory's part (α Σ z·(m·q)), and a reason computed from those numbers (ranks without a slot are re-computed, not guessed).</p>
${data.steps.map((ex) => stepSection(ex, opts.openAll === true || ex.step === tl.trainLength)).join('\n')}
</body></html>
`;
}
