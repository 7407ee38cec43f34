import { intOption, parseCommandArgs } from '../args';
import { oneOf } from '../choices';
import { emit, progressPrinter, UsageError, type Io } from '../output';
import { runCliJob } from '../run-job';
import type { CliHost } from '../services';

const USAGE = 'usage: rum-workbench slices --model ID --by length|hit|first-date|item [--bins 3] [--item ITEM]';
const BY = ['length', 'hit', 'first-date', 'item'] as const;

/** A model's users in slices (docs/contract.md, `slices`): metrics, attention trust and influences per slice. */
export async function slicesCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, { model: { type: 'string' }, by: { type: 'string' }, bins: { type: 'string' }, item: { type: 'string' } });
  if (v.model === undefined || v.by === undefined) throw new UsageError(USAGE);
  const by = BY.find((b) => b === v.by);
  if (!by) throw new UsageError(`--by must be ${oneOf(BY)}, got "${v.by}"`);
  if (by === 'item' && v.item === undefined) throw new UsageError('--by item needs --item ITEM (an item id as in the imported file)');
  const bins = v.bins === undefined ? undefined : intOption(v.bins, 'bins', 3);
  if (bins !== undefined && (bins < 1 || bins > 20)) throw new UsageError(`--bins must be a whole number from 1 to 20, got ${bins}`);
  const show = progressPrinter(io, 'slices');
  const r = await runCliJob(host.services(), 'modelSlices', { modelId: intOption(v.model, 'model', 0), by, ...(bins === undefined ? {} : { bins }), ...(v.item === undefined ? {} : { item: v.item }) }, (p) => show(p.fraction, p.message));
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(2)} %`);
  const lines = [
    `model ${r.modelId}, slices by ${r.by}: ${r.rule}`,
    ...r.slices.map((s) => {
      const top = s.influences.pairs[0];
      return (
        `  ${s.name}: ${s.users} users (${s.testUsers} tested), HR@${r.n} ${pct(s.metrics?.hr)} ± ${pct(s.standardError?.hr)}, NDCG@${r.n} ${pct(s.metrics?.ndcg)} ± ${pct(s.standardError?.ndcg)}, ` +
        `attention trust ${s.trust.note ?? pct(s.trust.top1Agreement)}${top ? `, strongest ${top.fromTitle ?? top.from} -> ${top.toTitle ?? top.to}` : ''}`
      );
    }),
  ];
  emit(io, r, lines.join('\n'));
}
