import { useId } from 'react';
import type { ModelInfo } from '../../api/types';
import type { View } from '../../App';
import { Loading } from '../../components/Status';
import { explainable, modelTitle } from '../../lib/model-catalog';
import { modelChoiceLabel } from '../../lib/model-choice';

interface Props {
  models: ModelInfo[] | undefined;
  loading: boolean;
  modelId: number | null;
  onModel: (id: number) => void;
  goTo: (v: View) => void;
}

/**
 * Which trained model to explain. Kinds with no memory or attention (MostPopular, GRU) are not
 * offered: a line under the picker names them and says where they still show (the comparison card).
 */
export function ModelPicker({ models, loading, modelId, onModel, goTo }: Props) {
  const id = useId();
  const usable = (models ?? []).filter((m) => explainable(m.kind));
  const other = [...new Set((models ?? []).filter((m) => !explainable(m.kind)).map((m) => modelTitle(m.kind)))];
  const notOffered = other.length ? (
    <div className="muted small" data-testid="not-explainable">
      Not offered here: {other.join(', ')}, with no memory or attention to step through; set {other.length === 1 ? 'it' : 'them'} beside another model in &ldquo;Beside another model&rdquo;.
    </div>
  ) : null;
  if (loading && !models) return <Loading what="models" />;
  if (usable.length === 0) {
    return (
      <div className="status empty">
        No explainable model yet.{' '}
        <button type="button" className="link-btn" onClick={() => goTo('models')}>
          Train one
        </button>
        {notOffered}
      </div>
    );
  }
  const chosen = usable.find((m) => m.modelId === modelId);
  // The select's own text is cut at the sidebar's width: the whole name is its tooltip and the line below.
  return (
    <div className="model-picker">
      <label htmlFor={`${id}-m`}>Model</label>
      <select id={`${id}-m`} value={modelId ?? ''} title={chosen ? modelChoiceLabel(chosen) : undefined} aria-describedby={chosen ? `${id}-d` : undefined} onChange={(e) => onModel(Number(e.target.value))}>
        {modelId === null && <option value="">choose…</option>}
        {[...usable].reverse().map((m) => (
          <option key={m.modelId} value={m.modelId} title={modelChoiceLabel(m)}>
            {modelChoiceLabel(m)}
          </option>
        ))}
      </select>
      {chosen && (
        <div id={`${id}-d`} className="model-picker-detail muted">
          {modelChoiceLabel(chosen)}
        </div>
      )}
      {notOffered}
    </div>
  );
}
