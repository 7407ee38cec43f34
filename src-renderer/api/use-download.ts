import { useEffect, useRef } from 'react';
import { api, basename } from './client';
import type { ReportResult } from './types';

/**
 * The download link of a finished report, and its browser download started once per report (the
 * web host serves it; in the desktop app the save dialog has written it already and this is null).
 */
export function useReportDownload(result: ReportResult | undefined): string | null {
  const downloaded = useRef<unknown>(null);
  const url = result ? api().downloadUrl(result.path) : null;
  useEffect(() => {
    if (!result || !url || downloaded.current === result) return;
    downloaded.current = result;
    const a = document.createElement('a');
    a.href = url;
    a.download = basename(result.path);
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, [result, url]);
  return url;
}
