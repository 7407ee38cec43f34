import { shownError } from '../api/errors';
import type { ApiErrorBody } from '../api/types';

/** An error the user should read now: role="alert", in plain words, with the file and line (once) for import errors. */
export function ErrorBox({ error: body, title }: { error: ApiErrorBody; title?: string }) {
  const error = shownError(body);
  return (
    <div className="error-box" role="alert">
      {title && <strong>{title}: </strong>}
      <span className="error-message">{error.message}</span>
      {(error.file || error.line !== undefined) && (
        <div className="error-where">
          {error.file && (
            <>
              File <code>{error.file}</code>
            </>
          )}
          {error.line !== undefined && <>{error.file ? ', line ' : 'Line '}<code>{error.line}</code></>}
        </div>
      )}
    </div>
  );
}
