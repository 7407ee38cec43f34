// What a model report holds (issue 14 item 5): what the model learned over all its users rather
// than one user's steps: its settings and test metrics, how far its attention can be trusted, its
// map of influences, and its users sliced three ways. Every figure comes from the engine
// functions the app and the CLI use (attention-trust, influences, slices), not a copy of them.
import { MODEL_CATALOG } from '../core/model/catalog';
import { modelAttentionTrust, type AttentionTrustJson } from '../engine/attention-trust';
import { influenceRefusal, modelInfluences, type InfluencesJson } from '../engine/influences';
import type { LoadedModel } from '../engine/loaded-model';
import { perUserModelMetrics } from '../engine/per-user-metrics';
import { modelSlices, type SliceBy, type SlicesJson } from '../engine/slices';
import { hitN } from '../engine/user-ranks';

/** Pairs of the map the report lists (the graph draws the first GRAPH_PAIRS). */
export const REPORT_PAIRS = 30;
export const GRAPH_PAIRS = 15;
/** The slicings every model report shows. */
export const REPORT_SLICINGS: SliceBy[] = ['length', 'hit', 'first-date'];

export interface ModelReportData {
  generated: string;
  dataset: string | null;
  model: { modelId: number; kind: string; title: string; config: Record<string, unknown>; n: number; users: number; items: number; test: unknown };
  trust: AttentionTrustJson;
  /** The map by Shapley value (by attention where the kind has no Shapley values), or why there is none. */
  influences: InfluencesJson | { note: string };
  slices: SlicesJson[];
}

export interface ModelReportProgress {
  /** 0..1 over the report's parts. */
  fraction: number;
  message: string;
}

export async function buildModelReportData(
  model: LoadedModel,
  opts: { datasetName?: string | null; signal?: AbortSignal; onProgress?: (p: ModelReportProgress) => void } = {},
): Promise<ModelReportData> {
  const say = (fraction: number, message: string) => {
    opts.signal?.throwIfAborted();
    opts.onProgress?.({ fraction, message });
  };
  const rec = model.record;
  const kind = model.arrays.weights.kind;
  say(0, 'attention trust');
  const trust = await modelAttentionTrust(model, { signal: opts.signal });
  say(0.2, 'map of influences');
  const by = influenceRefusal(rec.modelId, kind, 'shapley') === null ? 'shapley' : 'attention';
  const refusal = influenceRefusal(rec.modelId, kind, by);
  const influences = refusal
    ? { note: refusal }
    : modelInfluences(model, { by, top: REPORT_PAIRS, onStep: (done, total) => say(0.2 + (0.4 * done) / total, `map of influences: step ${done} of ${total}`) });
  say(0.6, 'ranking every test user');
  const perUser = await perUserModelMetrics(model, hitN(model));
  const slices: SlicesJson[] = [];
  for (const [j, sliceBy] of REPORT_SLICINGS.entries()) {
    say(0.65 + (0.35 * j) / REPORT_SLICINGS.length, `slices by ${sliceBy}`);
    const share = (f: number) => 0.65 + (0.35 * (j + f)) / REPORT_SLICINGS.length;
    slices.push(await modelSlices(model, { by: sliceBy, perUser, signal: opts.signal, onProgress: (f, message) => say(share(f), `slices by ${sliceBy}: ${message}`) }));
  }
  say(1, 'done');
  return {
    generated: new Date().toISOString(),
    dataset: opts.datasetName ?? null,
    model: {
      modelId: rec.modelId,
      kind,
      title: MODEL_CATALOG.find((m) => m.kind === kind)?.title ?? kind,
      config: { ...rec.config },
      n: hitN(model),
      users: model.userIds.length,
      items: model.itemIds.length,
      test: (rec.metrics as { test?: unknown }).test ?? null,
    },
    trust,
    influences,
    slices,
  };
}
