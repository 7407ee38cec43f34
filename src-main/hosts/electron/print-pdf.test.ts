// The desktop printer with Electron replaced by stand-ins (no binary here): the window it makes,
// the session's request filter, the page it loads (a real file on disk), and the clean-up.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkWebPreferences } from './security';

type Filter = (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void;
const electron = vi.hoisted(() => ({
  windows: [] as Array<{ options: unknown; loaded?: { file: string; html: string; mode: number }; destroyed: boolean; on: string[] }>,
  filter: undefined as undefined | ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void),
  partitions: [] as string[],
  permission: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  printToPDF: vi.fn(),
}));
vi.mock('electron', async () => {
  const { readFileSync, statSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  class BrowserWindow {
    record: (typeof electron.windows)[number];
    webContents: unknown;
    constructor(options: unknown) {
      this.record = { options, destroyed: false, on: [] };
      electron.windows.push(this.record);
      this.webContents = {
        setWindowOpenHandler: (h: () => unknown) => this.record.on.push(`open:${JSON.stringify(h())}`),
        on: (name: string) => this.record.on.push(name),
        printToPDF: electron.printToPDF,
      };
    }
    async loadURL(url: string) {
      const file = fileURLToPath(url);
      this.record.loaded = { file, html: readFileSync(file, 'utf8'), mode: statSync(file).mode & 0o777 };
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  return {
    BrowserWindow,
    session: {
      fromPartition: (p: string) => {
        electron.partitions.push(p);
        return {
          webRequest: { onBeforeRequest: (f: Filter) => (electron.filter = f) },
          setPermissionRequestHandler: (h: typeof electron.permission) => (electron.permission = h),
          setPermissionCheckHandler: () => {},
        };
      },
    },
  };
});

const { printPdfInElectron, printWindowOptions, withPrintCsp, isPrintRequestAllowed, PDF_OPTIONS, PRINT_CSP } = await import('./print-pdf');

const HTML = '<!doctype html><html><head><meta charset="utf-8"><title>r</title></head><body><p>report</p></body></html>';
const verdict = (url: string) => {
  let cancel: boolean | undefined;
  electron.filter!({ url }, (r) => (cancel = r.cancel));
  return cancel ? 'refused' : 'allowed';
};

beforeEach(() => {
  electron.windows.length = 0;
  electron.printToPDF.mockReset();
});

describe('the print window', () => {
  it('is hidden, sandboxed, isolated, script-free, preload-free, in its own in-memory partition', () => {
    const options = printWindowOptions();
    const prefs = options.webPreferences!;
    expect(options.show).toBe(false);
    expect(checkWebPreferences(prefs)).toEqual([]);
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, devTools: false, partition: 'rum-print' });
    expect(prefs.partition).not.toMatch(/^persist:/);
    expect(prefs.preload).toBeUndefined();
  });

  it('prints the HTML with the CSP put first in its head', async () => {
    electron.printToPDF.mockImplementationOnce(async () => {
      // While printing, the report page and nothing else gets through the session.
      const page = pathToFileURL(electron.windows[0].loaded!.file).href;
      expect(verdict(page)).toBe('allowed');
      expect(verdict(`${page}#step-3`)).toBe('allowed');
      for (const other of ['https://example.com/x.png', 'file:///etc/passwd', 'http://127.0.0.1:8080/', `${page}.other`]) expect(verdict(other)).toBe('refused');
      return Buffer.from('%PDF-1.7');
    });
    const pdf = await printPdfInElectron(HTML);
    expect(pdf.toString()).toBe('%PDF-1.7');
    const [win] = electron.windows;
    expect(win.options).toEqual(printWindowOptions());
    expect(win.loaded!.html).toBe(withPrintCsp(HTML));
    expect(win.loaded!.html).toContain(`<head><meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}"><meta charset="utf-8">`);
    expect(win.loaded!.mode).toBe(0o600);
    expect(electron.printToPDF).toHaveBeenCalledWith(PDF_OPTIONS);
    expect(win.on).toEqual(expect.arrayContaining(['open:{"action":"deny"}', 'will-navigate', 'will-frame-navigate']));
    expect(electron.partitions).toEqual(['rum-print']);
    // Afterwards: window gone, file gone, and the page no longer allowed.
    expect(win.destroyed).toBe(true);
    expect(existsSync(dirname(win.loaded!.file))).toBe(false);
    expect(verdict(pathToFileURL(win.loaded!.file).href)).toBe('refused');
  });

  it('cleans up when printing fails, and refuses every permission', async () => {
    electron.printToPDF.mockRejectedValueOnce(new Error('printing failed'));
    await expect(printPdfInElectron(HTML)).rejects.toThrow('printing failed');
    const [win] = electron.windows;
    expect(win.destroyed).toBe(true);
    expect(existsSync(dirname(win.loaded!.file))).toBe(false);
    let granted: boolean | undefined;
    electron.permission!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('uses a private temporary folder', async () => {
    electron.printToPDF.mockImplementationOnce(async () => {
      expect(statSync(dirname(electron.windows[0].loaded!.file)).mode & 0o777).toBe(0o700);
      return Buffer.alloc(0);
    });
    await printPdfInElectron(HTML);
  });
});

describe('withPrintCsp', () => {
  it('puts the policy before anything that could load, with or without a head', () => {
    expect(withPrintCsp('<html><HEAD lang="x"><link rel=stylesheet href="https://e/x.css"></HEAD></html>')).toMatch(/^<html><HEAD lang="x"><meta http-equiv="Content-Security-Policy"[^>]+><link/);
    expect(withPrintCsp('<p>no head</p>').startsWith('<meta http-equiv="Content-Security-Policy"')).toBe(true);
  });

  it('isPrintRequestAllowed matches only listed pages', () => {
    const pages = new Set(['file:///tmp/rum-print-x/report.html']);
    expect(isPrintRequestAllowed('file:///tmp/rum-print-x/report.html#a', pages)).toBe(true);
    expect(isPrintRequestAllowed('file:///tmp/rum-print-x/other.html', pages)).toBe(false);
  });
});
