import type { CliHost } from '../services';
import { intOption, numberOption, parseCommandArgs } from '../args';
import { emit, UsageError, type Io } from '../output';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export async function explainCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, {
    model: { type: 'string' },
    user: { type: 'string' },
    step: { type: 'string' },
    top: { type: 'string', default: '5' },
    item: { type: 'string' },
  });
  if (v.model === undefined || v.user === undefined) throw new UsageError('usage: rum-workbench explain --model ID --user USER [--step T] [--top 5] [--item ITEM]');
  const top = intOption(v.top, 'top', 5);
  // The explainer's own words for a bad --top (the contract would say "top: Too small").
  if (top < 1) throw new UsageError(`--top must be a whole number >= 1, got ${top}`);
  const ex = await host.services().dispatch('explainStep', {
    modelId: intOption(v.model, 'model', 0),
    user: v.user,
    step: v.step === undefined ? undefined : intOption(v.step, 'step', 0),
    top,
    item: v.item,
  });
  const name = (x: { item: string; title: string | null }) => (x.title ? `${x.title} (${x.item})` : x.item);
  const lines = [
    `user ${ex.user}, step ${ex.step} of ${ex.steps} (${ex.part}); memory (attention of ${ex.attentionFor ? name(ex.attentionFor) : '-'}):`,
    ...ex.memory.map((m) => `  slot ${m.slot}  ${pct(m.attention).padStart(7)}  ${name(m)}  ${m.time ?? ''}`),
    'recommendations:',
    ...[...ex.recommendations, ...(ex.candidate ? [ex.candidate] : [])].map(
      (r) =>
        `  #${r.rank} ${name(r)}  logit ${r.logit.toFixed(3)}${r.additive ? ` = intrinsic ${r.intrinsic.toFixed(3)} + memory ${r.memory.toFixed(3)}` : ' (no parts: from the purchases read)'}\n     ${r.reason}`,
    ),
  ];
  emit(io, ex, lines.join('\n'));
}

export async function timelineCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, {
    model: { type: 'string' },
    user: { type: 'string' },
    'min-weight': { type: 'string' },
    'min-followers': { type: 'string' },
  });
  if (v.model === undefined || v.user === undefined) throw new UsageError('usage: rum-workbench timeline --model ID --user USER [--min-weight 0.6] [--min-followers 2]');
  // Unset thresholds are left to the services, which fill in the explainer's defaults.
  const minWeight = v['min-weight'] === undefined ? undefined : numberOption(v['min-weight'], 'min-weight', 0);
  const minFollowers = v['min-followers'] === undefined ? undefined : intOption(v['min-followers'], 'min-followers', 0);
  if (minWeight !== undefined && (minWeight < 0 || minWeight > 1)) throw new UsageError('--min-weight must be between 0 and 1');
  if (minFollowers !== undefined && minFollowers < 2) throw new UsageError('--min-followers must be at least 2');
  const tl = await host.services().dispatch('timeline', { modelId: intOption(v.model, 'model', 0), user: v.user, minWeight, minFollowers });
  const lines = tl.steps.map((s) => {
    const top = s.attention.reduce<(typeof s.attention)[0] | undefined>((a, b) => (!a || b.weight > a.weight ? b : a), undefined);
    // A latent memory's row is the purchase's write over the features (feature-level RUM).
    const by = !top ? 'no memory' : top.step < 0 ? `writes ${pct(top.weight)} into ${top.item}` : `top attention ${pct(top.weight)} on step ${top.step}`;
    const rank = s.rank === undefined ? '' : `rank ${String(s.rank).padStart(5)}${s.hit ? '*' : ' '} `;
    return `${String(s.step).padStart(4)} ${s.part.padEnd(5)} ${rank}${(s.title ?? s.item).slice(0, 40).padEnd(40)} ${by}${s.pattern !== 'none' ? `  [${s.pattern} from step ${s.trigger}]` : ''}`;
  });
  const m = tl.metrics;
  if (m) lines.push(`(* = hit@${tl.n}) train HR@${tl.n} ${pct(m.train.hr)}, NDCG@${tl.n} ${m.train.ndcg.toFixed(3)}; test HR@${tl.n} ${pct(m.test.hr)}, NDCG@${tl.n} ${m.test.ndcg.toFixed(3)}`);
  emit(io, tl, lines.join('\n'));
}
