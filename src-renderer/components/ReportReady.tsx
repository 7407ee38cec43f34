import { basename } from '../api/client';
import type { ReportResult } from '../api/types';
import { fmtBytes } from '../lib/format';

/** Where a finished report is: a download link from the web host, the saved path in the desktop app. */
export function ReportReady({ result, url, what }: { result: ReportResult; url: string | null; what: string }) {
  return (
    <div className="success" role="status">
      {url ? (
        <>
          {what} ready ({result.format.toUpperCase()}, {fmtBytes(result.bytes)}):{' '}
          <a href={url} download={basename(result.path)}>
            download {basename(result.path)}
          </a>
        </>
      ) : (
        <>
          Saved to <code>{result.path}</code> ({fmtBytes(result.bytes)})
        </>
      )}
    </div>
  );
}
