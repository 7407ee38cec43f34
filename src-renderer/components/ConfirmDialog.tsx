import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorBody } from '../api/errors';
import type { ApiErrorBody } from '../api/types';
import { ErrorBox } from './ErrorBox';

interface Props {
  title: string;
  /** What will happen, in full ("dataset X and its 3 models"). */
  children: ReactNode;
  confirmLabel: string;
  /** Runs on confirm; the dialog stays open with the error if it fails. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/**
 * An in-app confirmation: a modal <dialog> (focus kept inside, Escape cancels) rather than
 * window.confirm, which a sandboxed Electron window may block.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(errorBody(e));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-h"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id="confirm-h">{title}</h2>
      <div className="confirm-body">{children}</div>
      {error && <ErrorBox error={error} />}
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
