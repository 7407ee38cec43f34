import { api } from '../../api/client';
import { bumpDataVersion } from '../../api/jobs';
import { useCall } from '../../api/use-call';
import type { DatasetRow, DeletedDataset } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { plural } from '../../lib/format';

/** Asks before deleting a dataset, naming the models that go with it. */
export function DeleteDatasetDialog({ dataset, onDeleted, onClose }: { dataset: DatasetRow; onDeleted: (d: DeletedDataset) => void; onClose: () => void }) {
  const models = useCall('listModels', { datasetId: dataset.datasetId });
  const n = models.data?.length;
  const what =
    n === undefined
      ? ' and every model trained on it.'
      : n === 0
        ? '. It has no models.'
        : ` and its ${plural(n, 'model')} (${models.data!.map((m) => `#${m.modelId}`).join(', ')}).`;
  return (
    <ConfirmDialog
      title="Delete dataset?"
      confirmLabel="Delete dataset"
      onClose={onClose}
      onConfirm={async () => {
        const { deleted } = await api().call('deleteDataset', { datasetId: dataset.datasetId });
        bumpDataVersion();
        onDeleted(deleted);
      }}
    >
      <p data-testid="confirm-what">
        This deletes dataset <strong>“{dataset.name}”</strong> ({plural(dataset.events, 'event')}){what}
      </p>
      <p className="muted small">It cannot be undone; the original file is not touched.</p>
    </ConfirmDialog>
  );
}
