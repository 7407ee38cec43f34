import { memo, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
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
 * Home and End (the timeline's own keys) move the step and the focus with it. Only the chips in
 * view (and a margin) are in the page; the list items say their place in the whole list.
 */
// Chips have a fixed width (styles.css: .chip 92px, .strip gap 3px and 2px of padding), so the
// strip can place any chip by arithmetic and render only the ones in view: a 2,000-purchase
// user's 2,000 buttons took over a second to mount when the user was selected.
const CHIP_W = 92;
const GAP = 3;
const PITCH = CHIP_W + GAP;
const PAD = 2;
// Chips rendered either side of the visible ones, and the step (in chips) at which the window
// moves as the strip scrolls, so that scrolling re-renders the strip every few chips, not every pixel.
const MARGIN = 40;
const BLOCK = 10;

export function PurchaseStrip({ steps, step, slots, onStep }: Props) {
  const strip = useRef<HTMLDivElement>(null);
  const T = steps.length;
  const [first, setFirst] = useState(0);
  const onScroll = useCallback(() => {
    const box = strip.current;
    if (box) setFirst(Math.floor(Math.max(0, box.scrollLeft - PAD) / PITCH / BLOCK) * BLOCK);
  }, []);
  // Keep the current purchase visible by scrolling the strip sideways only: scrollIntoView would
  // also scroll the page, yanking the heatmap away from under the mouse after a click there.
  // While focus is in the strip it follows the step, so the one tab stop stays where the user is.
  useEffect(() => {
    const box = strip.current;
    if (!box) return;
    const left = PAD + Math.min(step, T) * PITCH;
    const width = step >= T ? 56 : CHIP_W;
    if (left < box.scrollLeft) box.scrollLeft = left - 8;
    else if (left + width > box.scrollLeft + box.clientWidth) box.scrollLeft = left + width - box.clientWidth + 8;
    onScroll();
    const el = box.querySelector<HTMLButtonElement>('button[tabindex="0"]');
    if (el && box.contains(document.activeElement) && document.activeElement !== el) el.focus({ preventScroll: true });
  }, [step, T, onScroll]);
  // The strip is never wider than the window: that bounds how many chips can be in view.
  const inView = Math.ceil(window.innerWidth / PITCH) + 1;
  const from = Math.max(0, first - MARGIN);
  const to = Math.min(T, first + inView + MARGIN);
  // The current purchase is always rendered (it holds the one tab stop and may have focus), even
  // when the strip was scrolled away from it.
  const shown: number[] = [];
  if (step < from) shown.push(step);
  for (let i = from; i < to; i++) shown.push(i);
  if (step >= to && step < T) shown.push(step);
  const parts: ReactNode[] = [];
  let next = 0;
  const gap = (upTo: number) => {
    // One spacer stands for the chips (upTo - next) it replaces, less the one gap it keeps.
    if (upTo > next) parts.push(<div key={`gap-${next}`} aria-hidden="true" style={{ minWidth: (upTo - next) * PITCH - GAP }} />);
  };
  for (const i of shown) {
    gap(i);
    const s = steps[i];
    parts.push(<Chip key={s.step} s={s} total={T + 1} current={s.step === step} inMemory={s.step < step && s.step >= step - slots} onStep={onStep} />);
    next = i + 1;
  }
  gap(T);
  return (
    <div ref={strip} className="strip" role="list" aria-label="Purchases in time order (one tab stop; arrow keys move the step)" onScroll={onScroll}>
      {parts}
      <div role="listitem" aria-posinset={T + 1} aria-setsize={T + 1}>
        <button
          type="button"
          tabIndex={step === T ? 0 : -1}
          className={`chip end${step === T ? ' current' : ''}`}
          onClick={() => onStep(T)}
          aria-label={`Step ${T}: after the last purchase`}
          aria-current={step === T ? 'step' : undefined}
        >
          <span className="chip-step">{T}</span>
          <span className="chip-title">next?</span>
        </button>
      </div>
    </div>
  );
}

// Memoised: stepping re-renders only the chips whose state changed, not all 2,000 of a long user.
const Chip = memo(function Chip({ s, total, current, inMemory, onStep }: { s: TimelineStep; total: number; current: boolean; inMemory: boolean; onStep: (n: number) => void }) {
  const cls = ['chip', s.part, current ? 'current' : '', inMemory ? 'in-memory' : ''].join(' ');
  const rank = s.rank === undefined ? '' : `, ranked ${s.rank}${s.hit ? ' (a hit)' : ''}`;
  return (
    <div role="listitem" aria-posinset={s.step + 1} aria-setsize={total}>
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
