// PDF reports inside the desktop app: Electron's own Chromium prints them in a hidden window,
// so the app needs no system Chromium and never starts one without its sandbox (report/pdf.ts
// is the CLI's and the web host's printer). The window is the most closed one Electron offers:
// sandboxed, no script, no preload, its own in-memory session that refuses every request but
// the report itself, no navigation, no popups, no permissions.
import { BrowserWindow, session, type BrowserWindowConstructorOptions, type PrintToPDFOptions, type Session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REQUIRED_PREFERENCES } from './security';

/** No "persist:" prefix: an in-memory session, so a print leaves no cache or cookie on disk. */
export const PRINT_PARTITION = 'rum-print';

/** The report needs its inline styles and nothing else: no fetch, font, frame or image URL. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const MM = 1 / 25.4;
/** The same page as the CLI's PDF (report/pdf.ts): A4, backgrounds, 12/10 mm margins (inches here). */
export const PDF_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  printBackground: true,
  margins: { top: 12 * MM, bottom: 12 * MM, left: 10 * MM, right: 10 * MM },
};

export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1024,
    height: 1400,
    webPreferences: {
      ...REQUIRED_PREFERENCES,
      // A report is static HTML: with script off, a title that slipped past escaping is inert.
      javascript: false,
      partition: PRINT_PARTITION,
      devTools: false,
      spellcheck: false,
      webgl: false,
    },
  };
}

/**
 * The HTML with PRINT_CSP first in its head. The report carries its own CSP already; this one
 * holds for any HTML handed to the printer, and several policies only ever narrow each other.
 */
export function withPrintCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  return head ? html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length) : meta + html;
}

/** Pages being printed right now; the print session's request filter lets these through only. */
const printing = new Set<string>();

/** Whether the print session may load `url`: exactly a page being printed, nothing else. */
export function isPrintRequestAllowed(url: string, pages: ReadonlySet<string> = printing): boolean {
  return pages.has(url.split('#')[0]);
}

let printSession: Session | undefined;

function closedSession(): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PRINT_PARTITION);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isPrintRequestAllowed(details.url);
    if (!allowed) console.warn(`print window: refused ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  printSession = ses;
  return ses;
}

/** services' printPdf in the desktop app. */
export async function printPdfInElectron(html: string): Promise<Buffer> {
  closedSession();
  // A private folder (mkdtemp makes it 0700) rather than a data: URL, which Chromium caps at 2 MB.
  const dir = await mkdtemp(join(tmpdir(), 'rum-print-'));
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).href;
  let win: BrowserWindow | undefined;
  try {
    await writeFile(file, withPrintCsp(html), { mode: 0o600 });
    printing.add(url);
    win = new BrowserWindow(printWindowOptions());
    const contents = win.webContents;
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    // The very URL the request filter allows, not loadFile's own spelling of the path.
    await win.loadURL(url);
    return await contents.printToPDF(PDF_OPTIONS);
  } finally {
    printing.delete(url);
    win?.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
