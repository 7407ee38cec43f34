import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel, type LoadedModel } from '../src-main/engine/loaded-model';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { trainJob } from '../src-main/jobs/train/train-job';
import { launchChromium } from '../src-main/report/chromium';
import { renderPdf } from '../src-main/report/pdf';
import { reportBytes } from '../src-main/report/write-report';
import { fileWith, tmpDb, tmpDir } from './helpers';

const HOSTILE: Record<string, string> = {
  i0: '<script>alert("xss")</script>',
  i1: '<img src=x onerror=alert(1)>',
  i2: '=HYPERLINK("http://evil.example","click")',
  i3: '+cmd|" /C calc"!A0',
  i4: '@SUM(1+1)',
  i5: '-2+3',
  i6: 'Plain "quoted", title',
};

let model: LoadedModel;
const USER = 'victim';

beforeAll(async () => {
  const { db } = tmpDb();
  const dir = tmpDir();
  // 30 users buy the 7 hostile items (and a few others) in shifting orders.
  const rows = ['user,item,time'];
  for (let u = 0; u < 30; u++) {
    const user = u === 0 ? USER : `u${u}`;
    for (let k = 0; k < 12; k++) rows.push(`${user},i${(u + k) % 10},${1_600_000_000 + u * 1000 + k * 86_400}`);
  }
  const titles = ['id,title', ...Object.entries(HOSTILE).map(([id, t]) => `${id},"${t.replace(/"/g, '""')}"`)];
  const r = await importDataset(db, { file: fileWith('log.csv', rows.join('\n'), dir), itemsFile: fileWith('titles.csv', titles.join('\n'), dir) });
  const { model: rec } = await trainJob(db, { datasetId: r.datasetId, config: { slots: 5, dim: 8, epochs: 3 } });
  model = loadModel(db, rec.modelId);
});

describe('reports', () => {
  it('HTML is one self-contained file where hostile titles stay text', async () => {
    const html = (await reportBytes(model, USER, 'html')).toString();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<svg'); // the charts are inline SVG
  });

  it('HTML opened in Chromium with JavaScript ON runs nothing and requests nothing', async () => {
    const html = (await reportBytes(model, USER, 'html')).toString();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.setContent(html, { waitUntil: 'load' });
      expect(await page.locator('text=<script>alert("xss")</script>').count()).toBeGreaterThan(0);
      expect(dialogs).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('PDF is a real PDF rendered without any request or script', async () => {
    const pdf = await reportBytes(model, USER, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    const html = (await reportBytes(model, USER, 'html')).toString();
    const { requests, dialogs } = await renderPdf(html);
    expect(requests).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('CSV has a row per step and slot, with formula cells defused and numbers left as numbers', async () => {
    const csv = (await reportBytes(model, USER, 'csv')).toString();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('step,time,part,purchased_item,purchased_title,pattern,trigger_step,slot,slot_step,slot_item,slot_title,attention');
    // Step 0 has no memory (1 row); step t has min(t, 5) slots.
    expect(lines.length - 1).toBe(1 + Array.from({ length: 11 }, (_, t) => Math.min(t + 1, 5)).reduce((a, b) => a + b, 0));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain(`"'+cmd|"" /C calc""!A0"`);
    expect(csv).toContain(`'@SUM(1+1)`);
    expect(csv).toContain(`'-2+3`);
    expect(csv).toContain('"Plain ""quoted"", title"');
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    for (const line of lines.slice(2)) expect(Number(line.split(',').pop())).toBeGreaterThanOrEqual(0);
  });

  it('JSON holds the explanation of every step, each keeping the identities', async () => {
    const json = JSON.parse((await reportBytes(model, USER, 'json')).toString());
    expect(json.user).toBe(USER);
    expect(json.steps).toHaveLength(13); // steps 0..12 for 12 purchases
    expect(json.timeline.steps).toHaveLength(12);
    for (const ex of json.steps) {
      for (const r of ex.recommendations) {
        expect(r.intrinsic + r.memory).toBeCloseTo(r.logit, 10);
        expect(r.slots.reduce((s: number, k: { share: number }) => s + k.share, 0)).toBeCloseTo(r.memory, 10);
      }
    }
  });
});
