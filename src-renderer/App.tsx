import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api/client';
import { useDataVersion } from './api/jobs';
import { errorBody } from './api/errors';
import type { ApiErrorBody, AppInfo, DatasetRow, ModelInfo } from './api/types';
import { ErrorBox } from './components/ErrorBox';
import { Loading } from './components/Status';
import { latestDataset, newestModel } from './lib/startup';
import { DatasetsView } from './views/datasets/DatasetsView';
import { ModelsView } from './views/models/ModelsView';
import { TimelineView } from './views/timeline/TimelineView';
import { InfluencesView } from './views/influences/InfluencesView';
import { useFileDrop } from './views/datasets/use-file-drop';

export type View = 'datasets' | 'models' | 'timeline' | 'influences';
const VIEWS: { id: View; label: string }[] = [
  { id: 'datasets', label: 'Datasets' },
  { id: 'models', label: 'Models' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'influences', label: 'Influences' },
];

/** The shell: tabs, the chosen dataset and model, and the start-up choice of what to show first. */
export function App() {
  const [view, setView] = useState<View>('timeline');
  const [datasets, setDatasets] = useState<DatasetRow[] | null>(null);
  const [datasetId, setDatasetId] = useState<number | null>(null);
  const [modelId, setModelId] = useState<number | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const version = useDataVersion();
  const started = useRef(false);
  const { dropped, clearDropped, dragging } = useFileDrop(() => setView('datasets'));

  const refresh = useCallback(async () => {
    try {
      const list = await api().call('listDatasets', {});
      setDatasets(list);
      setError(null);
      return list;
    } catch (e) {
      setError(errorBody(e));
      return null;
    }
  }, []);

  // Start-up: open the most recent dataset and its newest rum-item model. While the host is
  // still importing or training its demo, `version` bumps when that finishes and this reruns.
  useEffect(() => {
    void (async () => {
      const list = await refresh();
      if (!list || started.current) return;
      const ds = latestDataset(list);
      if (!ds) {
        setView('datasets');
        return;
      }
      const models = await api().call('listModels', { datasetId: ds.datasetId }).catch(() => [] as ModelInfo[]);
      const m = newestModel(models, ds.datasetId);
      if (started.current) return;
      setDatasetId((cur) => cur ?? ds.datasetId);
      if (m) {
        started.current = true;
        setModelId(m.modelId);
      } else {
        setView((v) => (v === 'timeline' ? 'models' : v));
      }
    })();
  }, [refresh, version]);

  useEffect(() => {
    api().call('appInfo', {}).then(setInfo, () => undefined);
  }, []);

  const chooseDataset = (id: number) => {
    setDatasetId(id);
    setModelId(null);
  };
  const openTimeline = (id: number) => {
    setModelId(id);
    started.current = true;
    setView('timeline');
  };

  const ready = datasets !== null;
  const current = datasets?.find((d) => d.datasetId === datasetId) ?? null;

  return (
    <div className={`app${dragging ? ' dragging' : ''}`} data-testid={ready ? 'app-ready' : 'app-loading'}>
      <header className="topbar">
        <h1 className="brand">RUM workbench</h1>
        <nav className="tabs" role="tablist" aria-label="Views">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              id={`tab-${v.id}`}
              aria-selected={view === v.id}
              aria-controls={`panel-${v.id}`}
              className={view === v.id ? 'tab active' : 'tab'}
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </nav>
        <div className="topbar-context">
          {current ? (
            <span title={current.sourceName}>
              Dataset <strong>{current.name}</strong> · {modelId !== null ? `model #${modelId}` : 'no model chosen'}
            </span>
          ) : (
            <span className="muted">no dataset open</span>
          )}
          {info && (
            <span className="muted small" title={info.dbPath}>
              {' '}
              · v{info.version} · {info.host}
              {info.backend ? ` · ${info.backend}` : ''}
            </span>
          )}
        </div>
      </header>
      {dragging && <div className="drop-overlay">Drop a purchase log (and optionally a titles file) to import it</div>}
      <main className="content">
        {error && <ErrorBox error={error} title="Cannot reach the workbench" />}
        {!ready && !error && <Loading what="datasets" />}
        {ready && (
          <section role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} className="panel">
            {view === 'datasets' && (
              <DatasetsView datasets={datasets} datasetId={datasetId} onChoose={chooseDataset} dropped={dropped} clearDropped={clearDropped} />
            )}
            {view === 'models' && <ModelsView dataset={current} modelId={modelId} onOpenTimeline={openTimeline} version={version} />}
            {view === 'timeline' && (
              <TimelineView dataset={current} modelId={modelId} onModel={setModelId} version={version} goTo={setView} />
            )}
            {view === 'influences' && <InfluencesView dataset={current} modelId={modelId} onModel={setModelId} version={version} goTo={setView} />}
          </section>
        )}
      </main>
    </div>
  );
}
