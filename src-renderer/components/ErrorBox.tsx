import type { ApiErrorBody } from '../api/types';

/** An error the user should read now: role="alert", with the file and line for import errors. */
export function ErrorBox({ error, title }: { error: ApiErrorBody; title?: string }) {
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
