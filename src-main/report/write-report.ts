import { closeSync, fchmodSync, fstatSync, openSync, writeSync } from 'node:fs';
import type { LoadedModel } from '../engine/loaded-model';
import { InputError } from '../core/errors';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderPdf } from './pdf';
import { buildReportData, type ReportOptions } from './report-data';

export const REPORT_FORMATS = ['html', 'pdf', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Turns report HTML into PDF bytes: the system's Chromium by default, printToPDF in Electron. */
export type PrintPdf = (html: string) => Promise<Buffer>;

/** The system's Chromium (report/pdf.ts): the default outside Electron. */
export const printWithChromium: PrintPdf = async (html) => (await renderPdf(html)).pdf;

/** A built report: its bytes, or for PDF the HTML still to be printed (Electron prints on its main thread). */
export type BuiltReport = { bytes: Buffer } | { pdfHtml: string };

/** What a report shows beyond the model and the user (report/report-data.ts). */
export type ReportBuildOptions = Omit<ReportOptions, 'everyStepByDefault' | 'top'>;

const options = (o: ReportBuildOptions | ((done: number, total: number) => void) | undefined): ReportBuildOptions => (typeof o === 'function' ? { onStep: o } : (o ?? {}));

/**
 * Builds a report synchronously, one step after another (the slow part: run it off the UI's
 * thread). HTML and PDF detail the chosen steps after a summary (by default the most telling
 * ones); JSON and CSV are data and keep every step unless `steps` is given.
 */
export function buildReport(model: LoadedModel, user: string, format: ReportFormat, opts?: ReportBuildOptions | ((done: number, total: number) => void)): BuiltReport {
  if (!REPORT_FORMATS.includes(format)) throw new InputError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const data = buildReportData(model, user, { ...options(opts), top: 5, everyStepByDefault: format === 'json' || format === 'csv' });
  switch (format) {
    case 'json':
      return { bytes: Buffer.from(JSON.stringify(data, null, 1)) };
    case 'csv':
      return { bytes: Buffer.from(renderCsv(data)) };
    case 'html':
      return { bytes: Buffer.from(renderHtml(data)) };
    case 'pdf':
      // On paper nothing can be expanded, so every detailed step is printed open.
      return { pdfHtml: renderHtml(data, { openAll: true }) };
  }
}

export async function reportBytes(
  model: LoadedModel,
  user: string,
  format: ReportFormat,
  opts?: ReportBuildOptions | ((done: number, total: number) => void),
  printPdf: PrintPdf = printWithChromium,
): Promise<Buffer> {
  const built = buildReport(model, user, format, opts);
  return 'bytes' in built ? built.bytes : printPdf(built.pdfHtml);
}

/** Writes a report file; returns its size in bytes. */
export async function writeReport(
  model: LoadedModel,
  user: string,
  format: ReportFormat,
  out: string,
  opts?: ReportBuildOptions | ((done: number, total: number) => void),
  printPdf?: PrintPdf,
): Promise<number> {
  const bytes = await reportBytes(model, user, format, opts, printPdf);
  writePrivate(out, bytes);
  return bytes.length;
}

/**
 * A report shows a user's purchases, so it is 0600 like the store. open's mode applies only when
 * the file is created, so a file we overwrite is chmod-ed too, before its new content is written.
 */
export function writePrivate(out: string, bytes: Uint8Array): void {
  const fd = openSync(out, 'w', 0o600);
  try {
    // Another user's file (writable to us) cannot be chmod-ed; it keeps the mode its owner chose.
    if (process.platform !== 'win32' && fstatSync(fd).uid === process.getuid?.()) fchmodSync(fd, 0o600);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  } finally {
    closeSync(fd);
  }
}
