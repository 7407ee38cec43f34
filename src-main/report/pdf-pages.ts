/**
 * The pages of a PDF as Chromium writes it: one `/Type /Page` object per page (the page tree's
 * own `/Type /Pages` objects are not counted). Enough to hold a report to its page budget
 * without a PDF library.
 */
export function pdfPageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
