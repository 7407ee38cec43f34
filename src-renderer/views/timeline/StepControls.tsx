import { useId } from 'react';
import type { StepAction } from '../../lib/step-nav';

interface Props {
  step: number;
  last: number;
  trainLength: number;
  dispatch: (a: StepAction) => void;
}

/** First / back / slider / forward / last. Left and Right arrow keys do the same (see TimelineView). */
export function StepControls({ step, last, trainLength, dispatch }: Props) {
  const id = useId();
  const part = step >= last ? 'after the last purchase' : step < trainLength ? 'training part' : 'test part';
  return (
    <div className="step-controls" role="group" aria-label="Step through the timeline">
      <button type="button" onClick={() => dispatch({ type: 'first' })} disabled={step <= 0} aria-label="First step" title="First step (Home)">
        «
      </button>
      <button type="button" onClick={() => dispatch({ type: 'prev' })} disabled={step <= 0} aria-label="Previous step" title="Previous step (←)">
        ◀ Back
      </button>
      <label htmlFor={`${id}-range`} className="sr-only">
        Step
      </label>
      <input
        id={`${id}-range`}
        type="range"
        min={0}
        max={last}
        step={1}
        value={step}
        onChange={(e) => dispatch({ type: 'set', step: Number(e.target.value) })}
        aria-valuetext={`step ${step} of ${last}, ${part}`}
      />
      <button type="button" onClick={() => dispatch({ type: 'next' })} disabled={step >= last} aria-label="Next step" title="Next step (→)">
        Forward ▶
      </button>
      <button type="button" onClick={() => dispatch({ type: 'last' })} disabled={step >= last} aria-label="Last step" title="After the last purchase (End)">
        »
      </button>
      <span className="step-label" aria-live="polite">
        Step <strong>{step}</strong> / {last} <span className={`badge ${step >= last ? 'end' : step < trainLength ? 'train' : 'test'}`}>{part}</span>
      </span>
    </div>
  );
}
