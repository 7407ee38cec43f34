import { useDataVersion } from '../../api/jobs';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { Empty, Loading } from '../../components/Status';
import { fmtInt, fmtPct, fmtSpan } from '../../lib/format';
import { EventsHistogram } from './EventsHistogram';

/** The chosen dataset's figures: size, time span, how many users are long enough to train on. */
export function DatasetSummaryPanel({ datasetId }: { datasetId: number | null }) {
  const version = useDataVersion();
  const { data, error, loading } = useCall('datasetSummary', datasetId === null ? null : { datasetId }, version);
  return (
    <section className="card" aria-labelledby="ds-sum-h">
      <h2 id="ds-sum-h">Dataset figures</h2>
      {datasetId === null && <Empty>Open a dataset to see its figures.</Empty>}
      {error && <ErrorBox error={error} />}
      {loading && !data && <Loading what="the summary" />}
      {data && (
        <>
          <h3 className="subtle">{data.name}</h3>
          <dl className="figures">
            <div>
              <dt>Users</dt>
              <dd>{fmtInt(data.users)}</dd>
            </div>
            <div>
              <dt>Items</dt>
              <dd>{fmtInt(data.items)}</dd>
            </div>
            <div>
              <dt>Events</dt>
              <dd>{fmtInt(data.events)}</dd>
            </div>
            <div>
              <dt>Users with ≥ 10 events</dt>
              <dd>
                {fmtInt(data.usersWithTenOrMore)} <span className="muted small">({fmtPct(data.users ? data.usersWithTenOrMore / data.users : 0)})</span>
              </dd>
            </div>
            <div className="wide">
              <dt>Time span</dt>
              <dd>{fmtSpan(data.timeMin, data.timeMax)}</dd>
            </div>
            <div className="wide">
              <dt>Source</dt>
              <dd className="small">
                {data.sourceName} ({data.format}){data.titlesName ? ` + titles ${data.titlesName}` : ''}
              </dd>
            </div>
          </dl>
          <h3 className="subtle">Events per user</h3>
          <EventsHistogram bins={data.eventsPerUser} />
        </>
      )}
    </section>
  );
}
