import { launchChromium } from './chromium';

export interface PdfResult {
  pdf: Buffer;
  /** Requests the page tried to make (always refused): a safe report makes none. */
  requests: string[];
  /** Dialogs a script tried to open (alert, confirm...): a safe report opens none. */
  dialogs: string[];
}

/**
 * Prints the HTML report to PDF with the system's Chromium, for the CLI and the web host (the
 * desktop app prints in its own hidden window instead: hosts/electron/print-pdf.ts). Scripts
 * are off, every request is refused and attempts are reported, so an item title can never
 * make the printer fetch or run anything.
 */
export async function renderPdf(html: string): Promise<PdfResult> {
  const browser = await launchChromium();
  const requests: string[] = [];
  const dialogs: string[] = [];
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    return { pdf, requests, dialogs };
  } finally {
    await browser.close();
  }
}
