// The one palette of the app and the reports: the renderer's charts and report/svg.ts draw the
// same things in the same colours and marks, so a reader who learnt one can read the other.
// Pure data (the renderer reaches it through api/contract.ts, the only main file it may import).
// The values are the app's stylesheet's (src-renderer/styles.css :root), which lib/contrast.test.ts
// holds to WCAG AA.

export const PALETTE = {
  /** The training and test parts of a timeline. */
  train: '#3b6fd8',
  test: '#e08a1e',
  /** The logit's parts: the user's intrinsic taste p*·q and the memory's α Σ z (m·q). */
  intrinsic: '#8592a6',
  memory: '#12a37f',
  /** A negative part (a fill) and text about one (darker, for 4.5:1 on white). */
  negative: '#d9534f',
  negativeText: '#b8342f',
  /** A step whose bought item ranked within the top N, and one that did not. */
  hit: '#12a37f',
  miss: '#b8342f',
  /** Attention's heat scale runs from white to this (see heatColour). */
  attention: '#0c2c7a',
  /** The memory band and the test part's shade behind a heatmap. */
  memoryBand: '#fff3d6',
  muted: '#586174',
} as const;

/** Named patterns: the mark drawn above a step's column and its colour. */
export const PATTERN_MARKS: Record<'one-to-one' | 'one-to-multiple', { mark: string; colour: string; label: string }> = {
  'one-to-one': { mark: '●', colour: '#b8342f', label: 'one-to-one: driven by the purchase just before' },
  'one-to-multiple': { mark: '◆', colour: '#0c6b53', label: 'one-to-multiple: one earlier purchase drives several later ones' },
};

/** Darker = more attention: white to PALETTE.attention, through the square root so small weights still show. */
export function heatColour(weight: number): string {
  const w = Math.sqrt(Math.min(1, Math.max(0, Number.isFinite(weight) ? weight : 0)));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * w);
  return `rgb(${mix(255, 12)}, ${mix(255, 44)}, ${mix(255, 122)})`;
}
