import { useState } from 'react';
import type { ApiErrorBody, DatasetRow, DeletedDataset } from '../../api/types';
import { ErrorBox } from '../../components/ErrorBox';
import { Empty } from '../../components/Status';
import { fmtInt } from '../../lib/format';
import { DeleteDatasetDialog } from './DeleteDatasetDialog';
import { RenameDataset } from './RenameDataset';

interface Props {
  datasets: DatasetRow[];
  datasetId: number | null;
  onChoose: (id: number) => void;
  onDeleted: (d: DeletedDataset) => void;
}

/** Every imported dataset; the chosen one drives the Models and Timeline views. Each can be renamed or deleted. */
export function DatasetList({ datasets, datasetId, onChoose, onDeleted }: Props) {
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<DatasetRow | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  if (datasets.length === 0) return <Empty>No datasets yet. Import a purchase log below, or drop one onto the window.</Empty>;
  return (
    <>
      <table className="table" aria-label="Datasets">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">Users</th>
            <th scope="col" className="num">Items</th>
            <th scope="col" className="num">Events</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => {
            const chosen = d.datasetId === datasetId;
            return (
              <tr key={d.datasetId} className={chosen ? 'selected' : undefined} aria-selected={chosen}>
                <td className="num muted">{d.datasetId}</td>
                {renaming === d.datasetId ? (
                  <td colSpan={4}>
                    <RenameDataset dataset={d} onDone={() => setRenaming(null)} onError={setError} />
                  </td>
                ) : (
                  <>
                    <td title={`${d.sourceName} (${d.format})`}>{d.name}</td>
                    <td className="num">{fmtInt(d.users)}</td>
                    <td className="num">{fmtInt(d.items)}</td>
                    <td className="num">{fmtInt(d.events)}</td>
                  </>
                )}
                <td>
                  <div className="row-actions">
                    <button type="button" className="small-btn" onClick={() => onChoose(d.datasetId)} disabled={chosen} aria-label={`Open dataset ${d.name}`}>
                      {chosen ? 'Opened' : 'Open'}
                    </button>
                    <button type="button" className="small-btn" onClick={() => setRenaming(d.datasetId)} aria-label={`Rename dataset ${d.name}`}>
                      Rename
                    </button>
                    <button type="button" className="small-btn" onClick={() => setDeleting(d)} aria-label={`Delete dataset ${d.name}`}>
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && <ErrorBox error={error} />}
      {deleting && <DeleteDatasetDialog dataset={deleting} onDeleted={onDeleted} onClose={() => setDeleting(null)} />}
    </>
  );
}
