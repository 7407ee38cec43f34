import { memo, useEffect, useRef } from 'react';
import type { TimelineStep } from '../../api/types';
import { fmtTime, itemName } from '../../lib/format';

interface Props {
  steps: TimelineStep[];
  step: number;
  slots: number;
  onStep: (n: number) => void;
}

/**
 * The user's purchases left to right, training ones blue, test ones orange, each with the rank
 * the model gave it at its step (green when in the top N). The current step's purchase is
 * outlined and the purchases in memory at this step are underlined. One tab stop (a roving
 * tabindex on the current purchase): Tab goes past the strip to the memory, and the arrow keys,
 * Home and End (the timeline's own keys) move the step and the focus with it.
 */
export function PurchaseStrip({ steps, step, slots, onStep }: Props) {
  const strip = useRef<HTMLDivElement>(null);
  // Keep the current purchase visible by scrolling the strip sideways only: scrollIntoView would
  // also scroll the page, yanking the heatmap away from under the mouse after a click there.
  // While focus is in the strip it follows the step, so the one tab stop stays where the user is.
  useEffect(() => {
    const box = strip.current;
    const el = box?.querySelector<HTMLButtonElement>('button[tabindex="0"]');
    if (!el || !box) return;
    const left = el.offsetLeft - box.offsetLeft;
    if (left < box.scrollLeft) box.scrollLeft = left - 8;
    else if (left + el.offsetWidth > box.scrollLeft + box.clientWidth) box.scrollLeft = left + el.offsetWidth - box.clientWidth + 8;
    if (box.contains(document.activeElement) && document.activeElement !== el) el.focus({ preventScroll: true });
  }, [step, steps.length]);
  return (
    <div ref={strip} className="strip" role="list" aria-label="Purchases in time order (one tab stop; arrow keys move the step)">
      {steps.map((s) => (
        <Chip key={s.step} s={s} current={s.step === step} inMemory={s.step < step && s.step >= step - slots} onStep={onStep} />
      ))}
      <div role="listitem">
        <button
          type="button"
          tabIndex={step === steps.length ? 0 : -1}
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

// Memoised: stepping re-renders only the chips whose state changed, not all 2,000 of a long user.
const Chip = memo(function Chip({ s, current, inMemory, onStep }: { s: TimelineStep; current: boolean; inMemory: boolean; onStep: (n: number) => void }) {
  const cls = ['chip', s.part, current ? 'current' : '', inMemory ? 'in-memory' : ''].join(' ');
  const rank = s.rank === undefined ? '' : `, ranked ${s.rank}${s.hit ? ' (a hit)' : ''}`;
  return (
    <div role="listitem">
      <button
        type="button"
        tabIndex={current ? 0 : -1}
        className={cls}
        onClick={() => onStep(s.step)}
        title={`step ${s.step} · ${fmtTime(s.time)} · ${s.item}${s.title ? ` · ${s.title}` : ''} (${s.part})${rank}`}
        aria-label={`Step ${s.step}: ${itemName(s)} (${s.part}${rank})`}
        aria-current={current ? 'step' : undefined}
        data-rank={s.rank}
      >
        <span className="chip-step">
          {s.step}
          {s.rank !== undefined && <span className={`chip-rank${s.hit ? ' hit' : ''}`}> · #{s.rank}</span>}
        </span>
        <span className="chip-title">{itemName(s)}</span>
      </button>
    </div>
  );
});
