// The app asks for a timeline in two parts (api/contract.ts: timelineWeights, then
// timelineRanks) so that a long user's first draw waits for the fewest bytes. The views read the
// `timeline` call's shape; this puts the parts back into it.
import type { TimelineJson, TimelineRanksJson, TimelineWeightsJson } from '../api/types';

/**
 * TimelineJson from its weights and, once they are in, its ranks. Step t's weights are its
 * memory oldest first, which holds the purchases just before it: slot k is step t - L + k (for a
 * latent memory, feature F(k+1)).
 */
export function unpackTimeline(w: TimelineWeightsJson, r?: TimelineRanksJson): TimelineJson {
  const ranks = r && r.user === w.user && r.modelId === w.modelId && r.ranks.length === w.steps.length ? r : undefined;
  return {
    modelId: w.modelId,
    model: w.model,
    user: w.user,
    trainLength: w.trainLength,
    thresholds: w.thresholds,
    memoryKind: w.memoryKind,
    ...(w.slotNames ? { slotNames: w.slotNames } : {}),
    n: ranks?.n ?? w.n,
    steps: w.steps.map(({ weights, ...s }, t) => {
      const first = t - weights.length;
      // A latent memory's row is a write over features F1..FK, not over earlier purchases.
      const slot = (k: number) => (w.memoryKind === 'latent' ? { item: `F${k + 1}`, step: -1 } : { item: w.steps[first + k].item, step: first + k });
      return {
        ...s,
        attention: weights.map((weight, k) => ({ slot: k, ...slot(k), weight })),
        ...(ranks ? { rank: ranks.ranks[t], hit: ranks.ranks[t] <= ranks.n } : {}),
      };
    }),
    ...(ranks ? { metrics: ranks.metrics } : {}),
  };
}
