import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfPageCount } from '../src-main/report/pdf-pages';
import { renderPdf } from '../src-main/report/pdf';
import { buildReport } from '../src-main/report/write-report';
import { longUserModel } from './long-user-model';

/** Text-showing operators (Tj, TJ) in each content stream of a PDF, as Chromium writes it (Flate). */
function textOpsPerStream(pdf: Buffer): number[] {
  const s = pdf.toString('latin1');
  const counts: number[] = [];
  for (const m of s.matchAll(/stream\r?\n/g)) {
    const end = s.indexOf('endstream', m.index);
    let text: string;
    try {
      text = inflateSync(Buffer.from(s.slice(m.index + m[0].length, end), 'latin1')).toString('latin1');
    } catch {
      continue; // not a Flate stream (an image, a font program)
    }
    const ops = (text.match(/\bT[jJ]\b/g) ?? []).length;
    if (ops) counts.push(ops);
  }
  return counts;
}

describe('PDF page numbers', () => {
  it('prints "Page i of n" on every page: each page draws more text than without the rule', async () => {
    const built = buildReport(longUserModel(60, 300, 5), 'long-user', 'pdf', { steps: '10-11' });
    if (!('pdfHtml' in built)) throw new Error('a PDF report is HTML to print');
    const withNumbers = (await renderPdf(built.pdfHtml)).pdf;
    const without = (await renderPdf(built.pdfHtml.replace(/@bottom-center\{[^}]*\}/, ''))).pdf;
    expect(built.pdfHtml).toMatch(/@bottom-center\{content:"Page " counter\(page\) " of " counter\(pages\)/);
    const pages = pdfPageCount(withNumbers);
    expect(pages).toBe(pdfPageCount(without));
    const a = textOpsPerStream(withNumbers);
    const b = textOpsPerStream(without);
    expect(a).toHaveLength(pages);
    expect(b).toHaveLength(pages);
    // "Page", i, "of", n: at least a few more text operations on each page.
    a.forEach((ops, p) => expect(ops, `page ${p + 1}`).toBeGreaterThan(b[p]));
  });
});
