import { describe, expect, it } from 'vitest';
import { modelMeta } from '../src-main/core/model/catalog';
import { explainUserStep } from '../src-main/engine/explain-service';
import { pdfPageCount } from '../src-main/report/pdf-pages';
import { buildReportData } from '../src-main/report/report-data';
import { DEFAULT_DETAIL } from '../src-main/report/steps';
import { reportBytes } from '../src-main/report/write-report';
import { longUserModel, PURCHASES } from './long-user-model';

const USER = 'long-user';
const detailedSteps = (html: string) => [...html.matchAll(/<details[^>]* id="step-(\d+)"/g)].map((m) => Number(m[1]));

describe('the report of a long user', () => {
  const model = longUserModel();
  const seq = model.split.sequences[0].items;
  // Hostile titles on purchases the range below details (steps 3 and 5).
  model.titles[seq[3]] = '<script>alert("x")</script>';
  model.titles[seq[5]] = '=HYPERLINK("http://evil.example","click")';

  it(`prints by default in at most 40 pages for ${PURCHASES} purchases: a summary, then a few steps`, async () => {
    const html = (await reportBytes(model, USER, 'html', { datasetName: 'MovieLens 100K' })).toString();
    const detailed = detailedSteps(html);
    expect(detailed.length).toBeGreaterThan(3);
    expect(detailed.length).toBeLessThanOrEqual(1 + DEFAULT_DETAIL.misses + DEFAULT_DETAIL.hits + DEFAULT_DETAIL.triggers);
    // Summary first: the model by title, the data by name, metrics, heatmap, the steps that matter.
    const at = (s: string) => html.indexOf(s);
    expect(html).toContain(`<strong>${modelMeta('rum-item')!.title}</strong>`);
    expect(at('MovieLens 100K')).toBeGreaterThan(0);
    for (const s of ['<h2>Summary</h2>', 'HR@5', '<svg', 'The steps that matter', 'Strongest triggers']) expect(at(s), s).toBeGreaterThan(0);
    expect(at('The steps that matter')).toBeLessThan(at('id="step-'));
    expect(html).toContain('counter(pages)');

    const pdf = await reportBytes(model, USER, 'pdf', { datasetName: 'MovieLens 100K' });
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    expect(pages).toBeLessThanOrEqual(40);
  });

  it('stays within 40 pages with as many steps as the default details at most, on a K = 20 memory', async () => {
    const cap = 1 + DEFAULT_DETAIL.misses + DEFAULT_DETAIL.hits + DEFAULT_DETAIL.triggers;
    const pdf = await reportBytes(longUserModel(PURCHASES, 1682, 20), USER, 'pdf', { steps: `100-${100 + cap - 1}` });
    expect(pdfPageCount(pdf)).toBeLessThanOrEqual(40);
  });

  it('details exactly the range asked for, with the purchases there escaped', async () => {
    const html = (await reportBytes(model, USER, 'html', { steps: '2-6' })).toString();
    expect(detailedSteps(html)).toEqual([2, 3, 4, 5, 6]);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const csv = (await reportBytes(model, USER, 'csv', { steps: '2-6' })).toString().trim().split('\r\n');
    const stepsInCsv = new Set(csv.slice(1).map((row) => Number(row.split(',')[0])));
    expect([...stepsInCsv].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);
    // A title that is a formula stays text in a spreadsheet.
    expect(csv.find((r) => r.startsWith('5,'))).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.join('\n')).not.toMatch(/,=HYPERLINK/);
  });

  it('ranks each step as the explanation ranks the item bought there, and hits/misses follow them', () => {
    const data = buildReportData(model, USER, { steps: 'misses' });
    const n = data.summary.n;
    for (const t of [0, 1, 100, 515, PURCHASES - 1]) {
      const ex = explainUserStep(model, USER, { step: t, top: 1, item: model.itemIds[seq[t]] });
      expect(data.summary.ranks[t], `step ${t}`).toBe(ex.candidate!.rank);
    }
    const misses = data.summary.ranks.flatMap((r, t) => (r > n ? [t] : []));
    expect(data.steps.map((s) => s.step)).toEqual(misses);
    expect(data.summary.test.hits + data.summary.train.hits + misses.length).toBe(PURCHASES);
  });
});
