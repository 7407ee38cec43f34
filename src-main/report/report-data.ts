import { modelMeta } from '../core/model/catalog';
import { explainUserStep, userTimeline, type ExplainJson, type TimelineJson } from '../engine/explain-service';
import type { LoadedModel } from '../engine/loaded-model';
import { bestHits, parseStepSpec, selectSteps, strongestTriggers, worstMisses, type StepFacts } from './steps';

/** A step named in the summary: what was bought, its rank, and its pattern. */
export interface StepBrief {
  step: number;
  item: string;
  title: string | null;
  part: 'train' | 'test';
  rank: number;
  pattern: string;
  trigger: number | null;
  topWeight: number;
}

/** How far attention agrees with the Shapley values, as the model's own figure (docs/explanations.md). */
export interface TrustFigure {
  top1Agreement: number | null;
  meanKendallTau: number | null;
  steps: number;
  sampled: boolean;
  note: string | null;
}

export interface PartFigures {
  steps: number;
  hits: number;
  /** hits / steps (HR@N over this user's steps), null without steps. */
  hr: number | null;
  /** Mean of 1/log2(1 + rank) over the hits, 0 for a miss (NDCG@N with one relevant item). */
  ndcg: number | null;
}

export interface ReportSummary {
  /** N of hit@N: the model's setting n. */
  n: number;
  /** The rank of the item bought at each step (index = step). */
  ranks: number[];
  train: PartFigures;
  test: PartFigures;
  hits: StepBrief[];
  misses: StepBrief[];
  triggers: StepBrief[];
  /** `--steps` as asked, and the steps detailed with why each was chosen. */
  selection: { steps: string; detailed: { step: number; why: string }[] };
  trust: TrustFigure | null;
}

/** Everything a report shows for one user: the summary, the timeline and the steps explained in detail. */
export interface ReportData {
  generatedAt: string;
  model: { modelId: number; kind: string; title: string; datasetId: number; backend: string; config: Record<string, unknown>; test: unknown };
  dataset: { datasetId: number; name: string | null };
  user: string;
  timeline: TimelineJson;
  summary: ReportSummary;
  /** The explanation of each detailed step, with the item bought there as its `candidate`. */
  steps: ExplainJson[];
}

export interface ReportOptions {
  /** `all`, `hits`, `misses`, `A-B`, or undefined for the default selection (report/steps.ts). */
  steps?: string;
  /** JSON and CSV are data: without `steps` they keep every step, as before --steps existed. */
  everyStepByDefault?: boolean;
  datasetName?: string | null;
  trust?: TrustFigure | null;
  top?: number;
  onStep?: (done: number, total: number) => void;
}

/** Shown in the summary's lists at most. */
const LISTED = 10;

function figures(ranks: number[], from: number, to: number, n: number): PartFigures {
  const steps = Math.max(0, to - from);
  let hits = 0;
  let dcg = 0;
  for (let t = from; t < to; t++) {
    if (ranks[t] <= n) {
      hits++;
      dcg += 1 / Math.log2(1 + ranks[t]);
    }
  }
  return { steps, hits, hr: steps ? hits / steps : null, ndcg: steps ? dcg / steps : null };
}

export function buildReportData(model: LoadedModel, user: string, opts: ReportOptions = {}): ReportData {
  const top = opts.top ?? 5;
  const spec = parseStepSpec(opts.steps ?? (opts.everyStepByDefault ? 'all' : undefined));
  const timeline = userTimeline(model, user);
  const tl = timeline.steps;
  const n = Number((model.record.config as { n?: number }).n ?? 5);
  // The timeline carries each step's rank (its `rank`) where the engine computes it; otherwise it
  // is the bought item's rank in that step's explanation, the same number by definition.
  const stored = tl.map((s) => (s as { rank?: number }).rank);
  const missing = stored.some((r) => r === undefined);
  const explained = new Map<number, ExplainJson>();
  const explain = (t: number) => {
    let ex = explained.get(t);
    if (!ex) {
      ex = explainUserStep(model, user, { step: t, top, ...(t < tl.length ? { item: tl[t].item } : {}) });
      explained.set(t, ex);
    }
    return ex;
  };
  let done = 0;
  const ranks = missing ? tl.map((s) => explainUserStep(model, user, { step: s.step, top: 1, item: s.item }).candidate!.rank) : (stored as number[]);
  const facts: StepFacts[] = tl.map((s, t) => ({ step: t, part: s.part, rank: ranks[t], pattern: s.pattern, topWeight: Math.max(0, ...s.attention.map((a) => a.weight)) }));
  const selection = selectSteps(spec, facts, n, timeline.trainLength);
  const total = selection.steps.length;
  const steps = selection.steps.map((t) => {
    const ex = explain(t);
    opts.onStep?.(++done, total);
    return ex;
  });
  const brief = (f: StepFacts): StepBrief => ({ step: f.step, item: tl[f.step].item, title: tl[f.step].title, part: f.part, rank: f.rank, pattern: f.pattern, trigger: tl[f.step].trigger, topWeight: f.topWeight });
  const r = model.record;
  return {
    generatedAt: new Date().toISOString(),
    model: { modelId: r.modelId, kind: r.kind, title: modelMeta(r.kind)?.title ?? r.kind, datasetId: r.datasetId, backend: r.backend, config: { ...r.config }, test: (r.metrics as { test?: unknown }).test },
    dataset: { datasetId: r.datasetId, name: opts.datasetName ?? null },
    user,
    timeline,
    summary: {
      n,
      ranks,
      train: figures(ranks, 0, timeline.trainLength, n),
      test: figures(ranks, timeline.trainLength, tl.length, n),
      hits: bestHits(facts, n, LISTED).map(brief),
      misses: worstMisses(facts, n, LISTED).map(brief),
      triggers: strongestTriggers(facts, LISTED).map(brief),
      selection: { steps: opts.steps ?? (opts.everyStepByDefault ? 'all' : 'default'), detailed: selection.steps.map((step) => ({ step, why: selection.why.get(step)! })) },
      trust: opts.trust ?? null,
    },
    steps,
  };
}
