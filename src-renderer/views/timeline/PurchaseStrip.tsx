import { useEffect, useRef } from 'react';
import type { TimelineStep } from '../../api/types';
import { fmtTime, itemName } from '../../lib/format';

interface Props {
  steps: TimelineStep[];
  step: number;
  slots: number;
  onStep: (n: number) => void;
}

/**
 * The user's purchases left to right, training ones blue, test ones orange. The current step's
 * purchase is outlined, and the purchases in memory at this step are underlined.
 */
export function PurchaseStrip({ steps, step, slots, onStep }: Props) {
  const current = useRef<HTMLButtonElement>(null);
  const strip = useRef<HTMLDivElement>(null);
  // Keep the current purchase visible by scrolling the strip sideways only: scrollIntoView would
  // also scroll the page, yanking the heatmap away from under the mouse after a click there.
  useEffect(() => {
    const el = current.current;
    const box = strip.current;
    if (!el || !box) return;
    const left = el.offsetLeft - box.offsetLeft;
    if (left < box.scrollLeft) box.scrollLeft = left - 8;
    else if (left + el.offsetWidth > box.scrollLeft + box.clientWidth) box.scrollLeft = left + el.offsetWidth - box.clientWidth + 8;
  }, [step, steps.length]);
  return (
    <div ref={strip} className="strip" role="list" aria-label="Purchases in time order">
      {steps.map((s) => {
        const inMemory = s.step < step && s.step >= step - slots;
        const cls = ['chip', s.part, s.step === step ? 'current' : '', inMemory ? 'in-memory' : ''].join(' ');
        return (
          <div role="listitem" key={s.step}>
            <button
              ref={s.step === step ? current : undefined}
              type="button"
              className={cls}
              onClick={() => onStep(s.step)}
              title={`step ${s.step} · ${fmtTime(s.time)} · ${s.item}${s.title ? ` · ${s.title}` : ''} (${s.part})`}
              aria-label={`Step ${s.step}: ${itemName(s)} (${s.part})`}
              aria-current={s.step === step ? 'step' : undefined}
            >
              <span className="chip-step">{s.step}</span>
              <span className="chip-title">{itemName(s)}</span>
            </button>
          </div>
        );
      })}
      <div role="listitem">
        <button
          ref={step === steps.length ? current : undefined}
          type="button"
          className={`chip end${step === steps.length ? ' current' : ''}`}
          onClick={() => onStep(steps.length)}
          aria-label={`Step ${steps.length}: after the last purchase`}
          aria-current={step === steps.length ? 'step' : undefined}
        >
          <span className="chip-step">{steps.length}</span>
          <span className="chip-title">next?</span>
        </button>
      </div>
    </div>
  );
}
