// exportReport in the desktop app: the user picks the file in a native save dialog. The
// services' reportPath dependency is synchronous, and a dialog is not, so the IPC handler
// routes this one call here first and then calls dispatch with the chosen path.
import { app, dialog, type BrowserWindow, type FileFilter } from 'electron';
import { join } from 'node:path';
import { parseInput, type Input, type Result } from '../../api/contract';
import type { Dispatch } from '../../api/services';
import { InputError } from '../../core/errors';
import type { PathGrants } from './path-grants';

type ReportFormat = Input<'exportReport'>['format'];

const FILTERS: Record<ReportFormat, FileFilter> = {
  html: { name: 'HTML report', extensions: ['html'] },
  pdf: { name: 'PDF report', extensions: ['pdf'] },
  csv: { name: 'CSV table', extensions: ['csv'] },
  json: { name: 'JSON data', extensions: ['json'] },
};

/** A file name proposed in the dialog: user ids can hold any character, file names cannot. */
export function suggestedReportName(user: string, format: ReportFormat): string {
  const safe = user.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '').slice(0, 80) || 'user';
  return `rum-report-${safe}.${format}`;
}

/** Returns the job ({ jobId }) or { cancelled: true } when the user closes the dialog. */
export async function exportReportWithDialog(win: BrowserWindow, dispatch: Dispatch, raw: unknown, grants: PathGrants): Promise<Result<'exportReport'>> {
  // Validate first, so a malformed call never opens a dialog.
  const input = parseInput('exportReport', raw);
  // Only the user chooses where a file is written; a page that could name the path could
  // overwrite any file the user can write.
  if (input.path !== undefined) throw new InputError('in the desktop app the save dialog chooses where a report goes; leave out "path"');
  const { canceled, filePath } = await dialog.showSaveDialog(win, {
    title: 'Export report',
    // No user: the model report (what the model learned over all its users).
    defaultPath: join(app.getPath('documents'), suggestedReportName(input.user ?? `model-${input.modelId}`, input.format)),
    filters: [FILTERS[input.format]],
  });
  if (canceled || !filePath) return { cancelled: true };
  // The services' file gate writes only to a path granted here, so this dialog is the one way
  // a report reaches the disk.
  grants.grant(filePath, 'write');
  return dispatch('exportReport', { ...input, path: filePath });
}
