import { csvNumber, csvText } from './escape';
import type { ReportData } from './report-data';

const HEADER = [
  'step', 'time', 'part', 'purchased_item', 'purchased_title', 'pattern', 'trigger_step',
  'slot', 'slot_step', 'slot_item', 'slot_title', 'attention',
];

/** One row per step and memory slot: the attention the purchase made at that step puts on each slot. */
export function renderCsv(data: ReportData): string {
  const rows = [HEADER.join(',')];
  // Every step unless --steps chose some (a CSV is data: by default it keeps them all).
  const chosen = data.summary.selection.steps === 'all' ? null : new Set(data.summary.selection.detailed.map((d) => d.step));
  for (const s of data.timeline.steps) {
    if (chosen && !chosen.has(s.step)) continue;
    const base = [csvNumber(s.step), csvText(s.time), csvText(s.part), csvText(s.item), csvText(s.title), csvText(s.pattern), csvNumber(s.trigger)];
    if (s.attention.length === 0) rows.push([...base, '', '', '', '', ''].join(','));
    const titleOf = (step: number) => data.timeline.steps[step]?.title ?? null;
    for (const a of s.attention) {
      rows.push([...base, csvNumber(a.slot), csvNumber(a.step), csvText(a.item), csvText(titleOf(a.step)), csvNumber(a.weight)].join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
