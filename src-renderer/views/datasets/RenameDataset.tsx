import { useState } from 'react';
import { api } from '../../api/client';
import { errorBody } from '../../api/errors';
import { bumpDataVersion } from '../../api/jobs';
import type { ApiErrorBody, DatasetRow } from '../../api/types';

/** The name cell of a dataset being renamed: Enter or Save renames, Escape or Cancel leaves it. */
export function RenameDataset({ dataset, onDone, onError }: { dataset: DatasetRow; onDone: () => void; onError: (e: ApiErrorBody | null) => void }) {
  const [name, setName] = useState(dataset.name);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (name.trim() === dataset.name) return onDone();
    setBusy(true);
    try {
      await api().call('renameDataset', { datasetId: dataset.datasetId, name });
      onError(null);
      bumpDataVersion();
      onDone();
    } catch (e) {
      onError(errorBody(e));
      setBusy(false);
    }
  };
  return (
    <form
      className="row-actions"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        type="text"
        className="rename-input"
        value={name}
        maxLength={200}
        autoFocus
        aria-label={`New name for dataset ${dataset.name}`}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
        disabled={busy}
      />
      <button type="submit" className="small-btn" disabled={busy || !name.trim()}>
        Save
      </button>
      <button type="button" className="small-btn" onClick={onDone} disabled={busy}>
        Cancel
      </button>
    </form>
  );
}
