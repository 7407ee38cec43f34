import { useState } from 'react';
import type { DatasetRow } from '../../api/types';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { Empty, Loading } from '../../components/Status';
import { explainable } from '../../lib/model-catalog';
import { PAPER_DEFAULTS, type FieldName } from '../../lib/train-form';
import { TrustPanel } from '../timeline/TrustPanel';
import { AlphaSweepPanel } from './AlphaSweepPanel';
import { MetricsChart } from './MetricsChart';
import { ModelTable } from './ModelTable';
import { ImportModelPanel } from './ImportModelPanel';
import { ModelReportPanel } from './ModelReportPanel';
import { SeedSummary } from './SeedSummary';
import { SlicesPanel } from './SlicesPanel';
import { TrainPanel } from './TrainPanel';

interface Props {
  dataset: DatasetRow | null;
  modelId: number | null;
  onOpenTimeline: (modelId: number) => void;
  version: number;
}

/** Train models on the open dataset and compare them as the paper's Table 2 and Figure 3 do. */
export function ModelsView({ dataset, modelId, onOpenTimeline, version }: Props) {
  // The form lives here so the α sweep reuses its settings (dimension, epochs, …).
  const [form, setForm] = useState<Record<FieldName, string>>(PAPER_DEFAULTS);
  // The table can list every dataset's models (as `rum-workbench models` does); the chart stays on this one.
  const [everyDataset, setEveryDataset] = useState(false);
  const models = useCall('listModels', dataset ? (everyDataset ? {} : { datasetId: dataset.datasetId }) : null, version);
  const datasets = useCall('listDatasets', everyDataset ? {} : null, version);
  const names = everyDataset ? new Map((datasets.data ?? []).map((d) => [d.datasetId, d.name])) : undefined;
  const own = models.data?.filter((m) => m.datasetId === dataset?.datasetId) ?? [];
  // The selected model's attention trust sits with the table as well as in the timeline.
  const chosen = models.data?.find((m) => m.modelId === modelId && explainable(m.kind));

  if (!dataset) return <Empty>Open or import a dataset first (Datasets tab).</Empty>;
  return (
    <div className="stack">
      <div className="grid-2">
        <TrainPanel datasetId={dataset.datasetId} form={form} setForm={setForm} />
        <AlphaSweepPanel datasetId={dataset.datasetId} form={form} />
      </div>
      <section className="card" aria-labelledby="models-h">
        <h2 id="models-h">{everyDataset ? 'Models of every dataset' : <>Models of “{dataset.name}”</>}</h2>
        <label className="small">
          <input type="checkbox" checked={everyDataset} onChange={(e) => setEveryDataset(e.target.checked)} /> Show the models of every dataset
        </label>
        {models.error && <ErrorBox error={models.error} />}
        {models.loading && !models.data && <Loading what="models" />}
        {models.data && models.data.length === 0 && <Empty>No models yet: train one above.</Empty>}
        {models.data && models.data.length > 0 && (
          <>
            <ModelTable models={models.data} modelId={modelId} onOpenTimeline={onOpenTimeline} datasetNames={names} />
            {chosen && (
              <div data-testid="model-trust">
                <span className="small muted">Model #{chosen.modelId}: </span>
                <TrustPanel modelId={chosen.modelId} />
                <ModelReportPanel modelId={chosen.modelId} />
              </div>
            )}
            <SeedSummary models={own} />
            <MetricsChart models={own} />
          </>
        )}
      </section>
      {chosen && <SlicesPanel modelId={chosen.modelId} />}
      <ImportModelPanel datasetId={dataset.datasetId} />
    </div>
  );
}
