import type { MemorySlot, ScoredItem } from './explain-step';

export interface ReasonContext {
  /** Readable name of a model item (title, else id). */
  nameOf: (item: number) => string;
  /** Readable name of a latent memory slot (feature-level RUM); absent for a memory of purchases. */
  slotName?: (slot: number) => string;
  memory: MemorySlot[];
  step: number;
  /** Time of the step (the purchase made then, else the last purchase), ms; NaN when unknown. */
  stepTime: number;
}

const DAY = 86_400_000;

function ago(ctx: ReasonContext, slot: MemorySlot): string {
  const back = ctx.step - slot.step;
  const purchases = back === 1 ? 'the purchase just before' : `${back} purchases earlier`;
  const dt = ctx.stepTime - slot.time;
  if (!Number.isFinite(dt)) return purchases;
  const days = Math.round(dt / DAY);
  const when = days <= 0 ? 'the same day' : days === 1 ? '1 day before' : `${days} days before`;
  return `${purchases}, ${when}`;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}

const pct = (x: number) => `${Math.round(100 * x)} %`;

/**
 * A logit part in a sentence: two decimals, but never "−0.00" (issue 11): a part that rounds to
 * zero shows two significant digits, so its sign and size stay readable, and an exact 0 is "0".
 */
export function partText(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  const text = a.toFixed(2) === '0.00' ? a.toPrecision(2) : a.toFixed(2);
  return `${x < 0 ? '−' : ''}${text}`;
}

/**
 * One sentence an analyst can read, built only from the numbers of the explanation: which part
 * of the logit dominates, the purchase with the largest share of the memory part, and the
 * computed rank without it.
 */
export function reasonFor(rec: ScoredItem, ctx: ReasonContext): string {
  const positive = rec.slots.filter((s) => s.share > 0);
  if (rec.slots.length === 0) {
    return `From the user's long-term taste alone (intrinsic part ${rec.intrinsic.toFixed(2)}); the memory is empty at this step.`;
  }
  const memoryShareOfLogit = Math.abs(rec.memory) / (Math.abs(rec.intrinsic) + Math.abs(rec.memory) || 1);
  if (rec.memory <= 0 || positive.length === 0 || memoryShareOfLogit < 0.15) {
    return (
      `Mostly from the user's long-term taste: the intrinsic part is ${rec.intrinsic.toFixed(2)} of the logit ${rec.logit.toFixed(2)}, ` +
      `${ctx.slotName ? "the memory's latent features add" : 'the recent purchases add'} ${partText(rec.memory)}.`
    );
  }
  const best = positive.reduce((a, b) => (b.share > a.share ? b : a));
  const slot = ctx.memory[best.slot];
  const share = best.share / rec.memory;
  const rankText =
    best.withoutSlotRank === rec.rank
      ? `without it this item would still rank ${ordinal(rec.rank)}`
      : `without it this item would rank ${ordinal(best.withoutSlotRank)} instead of ${ordinal(rec.rank)}`;
  if (slot.step < 0) {
    const name = ctx.slotName?.(best.slot) ?? `latent slot ${best.slot + 1}`;
    return `Mostly because of the memory's latent feature ${name}: ${pct(Math.min(1, share))} of the memory's contribution (attention ${pct(best.attention)}); ${rankText}.`;
  }
  return `Mostly because of ${ctx.nameOf(best.item)}, bought ${ago(ctx, slot)}: ${pct(Math.min(1, share))} of the memory's contribution (attention ${pct(best.attention)}); ${rankText}.`;
}
