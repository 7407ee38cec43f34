// Live training curves: progress events carry the epoch's running loss after every batch and the
// validation NDCG once an epoch ends. Keep one point per epoch, the latest seen.
import type { TrainProgress } from '../api/types';

export interface CurvePoint {
  epoch: number;
  loss: number | null;
  ndcg: number | null;
}

const isProgress = (d: unknown): d is TrainProgress =>
  !!d && typeof d === 'object' && typeof (d as TrainProgress).epoch === 'number' && typeof (d as TrainProgress).loss === 'number';

export function curveFromProgress(details: unknown[]): CurvePoint[] {
  const byEpoch = new Map<number, CurvePoint>();
  for (const d of details) {
    if (!isProgress(d)) continue;
    const prev = byEpoch.get(d.epoch);
    byEpoch.set(d.epoch, {
      epoch: d.epoch,
      loss: Number.isFinite(d.loss) ? d.loss : (prev?.loss ?? null),
      ndcg: typeof d.validation === 'number' ? d.validation : (prev?.ndcg ?? null),
    });
  }
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}

/** The last progress report, for the "epoch 3 of 30, batch 20 of 80, ETA" line. */
export function lastProgress(details: unknown[]): TrainProgress | null {
  for (let k = details.length - 1; k >= 0; k--) if (isProgress(details[k])) return details[k] as TrainProgress;
  return null;
}

/** A stored model's curve (EpochRecord[]) in the same shape. */
export function curveFromRecords(curve: { epoch: number; loss: number; validation?: { ndcg?: number } }[]): CurvePoint[] {
  return curve.map((c) => ({ epoch: c.epoch, loss: c.loss, ndcg: c.validation?.ndcg ?? null }));
}
