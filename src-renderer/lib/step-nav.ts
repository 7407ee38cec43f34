// Stepping through a timeline: steps 0..last, where `last` (= number of purchases) is the state
// after the final purchase. Pure so the keyboard, buttons, slider and heatmap share one rule.
export interface StepState {
  step: number;
  last: number;
}

export type StepAction =
  | { type: 'first' }
  | { type: 'prev' }
  | { type: 'next' }
  | { type: 'last' }
  | { type: 'set'; step: number }
  /** A new user or model: a new range, and where to start in it. */
  | { type: 'reset'; last: number; step: number };

const clamp = (n: number, last: number) => Math.min(Math.max(0, Math.round(Number.isFinite(n) ? n : 0)), Math.max(0, last));

export function stepReducer(s: StepState, a: StepAction): StepState {
  switch (a.type) {
    case 'first':
      return { ...s, step: 0 };
    case 'prev':
      return { ...s, step: clamp(s.step - 1, s.last) };
    case 'next':
      return { ...s, step: clamp(s.step + 1, s.last) };
    case 'last':
      return { ...s, step: s.last };
    case 'set':
      return { ...s, step: clamp(a.step, s.last) };
    case 'reset':
      return { last: Math.max(0, a.last), step: clamp(a.step, a.last) };
  }
}

/** Which step action a key press means, when focus is not in a text field. */
export function keyAction(key: string, targetTag: string | undefined, editable = false): StepAction | null {
  const tag = (targetTag ?? '').toUpperCase();
  // Inputs (sliders included: they step themselves), selects and text areas keep their arrow keys.
  if (editable || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return null;
  switch (key) {
    case 'ArrowLeft':
      return { type: 'prev' };
    case 'ArrowRight':
      return { type: 'next' };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    default:
      return null;
  }
}
