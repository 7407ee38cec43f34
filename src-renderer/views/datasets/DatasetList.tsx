import type { DatasetRow } from '../../api/types';
import { Empty } from '../../components/Status';
import { fmtInt } from '../../lib/format';

/** Every imported dataset; the chosen one drives the Models and Timeline views. */
export function DatasetList({ datasets, datasetId, onChoose }: { datasets: DatasetRow[]; datasetId: number | null; onChoose: (id: number) => void }) {
  if (datasets.length === 0) return <Empty>No datasets yet. Import a purchase log below, or drop one onto the window.</Empty>;
  return (
    <table className="table" aria-label="Datasets">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Name</th>
          <th scope="col" className="num">Users</th>
          <th scope="col" className="num">Items</th>
          <th scope="col" className="num">Events</th>
          <th scope="col">
            <span className="sr-only">Open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((d) => {
          const chosen = d.datasetId === datasetId;
          return (
            <tr key={d.datasetId} className={chosen ? 'selected' : undefined} aria-selected={chosen}>
              <td className="num muted">{d.datasetId}</td>
              <td title={`${d.sourceName} (${d.format})`}>{d.name}</td>
              <td className="num">{fmtInt(d.users)}</td>
              <td className="num">{fmtInt(d.items)}</td>
              <td className="num">{fmtInt(d.events)}</td>
              <td>
                <button type="button" className="small-btn" onClick={() => onChoose(d.datasetId)} disabled={chosen} aria-label={`Open dataset ${d.name}`}>
                  {chosen ? 'Opened' : 'Open'}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
