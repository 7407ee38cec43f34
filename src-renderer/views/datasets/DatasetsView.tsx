import type { DatasetRow, DeletedDataset } from '../../api/types';
import { DatasetList } from './DatasetList';
import { DatasetSummaryPanel } from './DatasetSummaryPanel';
import { ImportPanel } from './ImportPanel';
import type { Dropped } from './use-file-drop';

interface Props {
  datasets: DatasetRow[];
  datasetId: number | null;
  onChoose: (id: number) => void;
  dropped: Dropped | null;
  clearDropped: () => void;
}

export function DatasetsView({ datasets, datasetId, onChoose, dropped, clearDropped }: Props) {
  // The chosen dataset may just have been deleted: its figures are then no longer asked for.
  const shown = datasets.some((d) => d.datasetId === datasetId) ? datasetId : null;
  const onDeleted = (d: DeletedDataset) => {
    if (d.datasetId !== datasetId) return;
    const next = datasets.filter((x) => x.datasetId !== d.datasetId).at(-1);
    if (next) onChoose(next.datasetId);
  };
  return (
    <div className="grid-2">
      <div className="stack">
        <section className="card" aria-labelledby="ds-list-h">
          <h2 id="ds-list-h">Datasets</h2>
          <DatasetList datasets={datasets} datasetId={datasetId} onChoose={onChoose} onDeleted={onDeleted} />
        </section>
        <ImportPanel onImported={onChoose} dropped={dropped} clearDropped={clearDropped} />
      </div>
      <DatasetSummaryPanel datasetId={shown} />
    </div>
  );
}
