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

const withoutText = (without: number, rank: number) =>
  without === rank ? `without it this item would still rank ${ordinal(rank)}` : `without it this item would rank ${ordinal(without)} instead of ${ordinal(rank)}`;

/**
 * A logit without parts (SASRec): the purchase whose leaving out lowers the logit most, by the
 * recomputed leave-one-out logits, with the attention on it for comparison.
 */
function leaveOutReason(rec: ScoredItem, ctx: ReasonContext): string {
  if (rec.slots.length === 0) return 'With no purchase before this step the model has nothing to read: every item scores the same.';
  const best = rec.slots.reduce((a, b) => (rec.logit - b.withoutSlotLogit > rec.logit - a.withoutSlotLogit ? b : a));
  const drop = rec.logit - best.withoutSlotLogit;
  if (!(drop > 0)) return `No single purchase holds it up: leaving out any one of the ${rec.slots.length} read leaves its logit ${partText(rec.logit)} or raises it.`;
  const slot = ctx.memory[best.slot];
  return (
    `Mostly because of ${ctx.nameOf(best.item)}, bought ${ago(ctx, slot)}: leaving it out lowers the logit by ${partText(drop)} ` +
    `(attention ${pct(best.attention)}); ${withoutText(best.withoutSlotRank, rec.rank)}.`
  );
}

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
  if (!rec.additive) return leaveOutReason(rec, ctx);
  const shareOf = (s: ScoredItem['slots'][number]) => s.share ?? 0;
  const positive = rec.slots.filter((s) => shareOf(s) > 0);
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
  const best = positive.reduce((a, b) => (shareOf(b) > shareOf(a) ? b : a));
  const slot = ctx.memory[best.slot];
  const share = shareOf(best) / rec.memory;
  const rankText = withoutText(best.withoutSlotRank, rec.rank);
  if (slot.step < 0) {
    const name = ctx.slotName?.(best.slot) ?? `latent slot ${best.slot + 1}`;
    return `Mostly because of the memory's latent feature ${name}: ${pct(Math.min(1, share))} of the memory's contribution (attention ${pct(best.attention)}); ${rankText}.`;
  }
  return `Mostly because of ${ctx.nameOf(best.item)}, bought ${ago(ctx, slot)}: ${pct(Math.min(1, share))} of the memory's contribution (attention ${pct(best.attention)}); ${rankText}.`;
}
