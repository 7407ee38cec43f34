import type { DatasetRow } from '../../api/types';
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
  return (
    <div className="grid-2">
      <div className="stack">
        <section className="card" aria-labelledby="ds-list-h">
          <h2 id="ds-list-h">Datasets</h2>
          <DatasetList datasets={datasets} datasetId={datasetId} onChoose={onChoose} />
        </section>
        <ImportPanel onImported={onChoose} dropped={dropped} clearDropped={clearDropped} />
      </div>
      <DatasetSummaryPanel datasetId={datasetId} />
    </div>
  );
}
