import { INFLUENCE_BY, type InfluenceBy } from '../../../core/explain/influences';
import { INFLUENCE_PARTS, type InfluencePart } from '../../../core/explain/influence-users';
import { intOption, parseCommandArgs } from '../args';
import { oneOf } from '../choices';
import { emit, progressPrinter, UsageError, type Io } from '../output';
import { runCliJob } from '../run-job';
import type { CliHost } from '../services';

const USAGE = 'usage: rum-workbench influences --model ID [--top 50] [--by shapley|attention] [--part train|all] [--users N|all] [--seed 1]';

/** The services keep this many pairs per map (engine/influences.ts INFLUENCE_MAX_TOP; the contract's limit). */
const MAX_TOP = 1000;

function choice<T extends string>(value: string, name: string, choices: readonly T[]): T {
  const c = choices.find((x) => x === value);
  if (!c) throw new UsageError(`--${name} must be ${oneOf(choices)}, got "${value}"`);
  return c;
}

export async function influencesCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values: v } = parseCommandArgs(argv, {
    model: { type: 'string' },
    top: { type: 'string', default: '50' },
    by: { type: 'string', default: 'shapley' },
    part: { type: 'string', default: 'train' },
    users: { type: 'string' },
    seed: { type: 'string' },
  });
  if (v.model === undefined) throw new UsageError(USAGE);
  const by: InfluenceBy = choice(v.by, 'by', INFLUENCE_BY);
  const part: InfluencePart = choice(v.part, 'part', INFLUENCE_PARTS);
  const top = intOption(v.top, 'top', 50);
  if (top < 1 || top > MAX_TOP) throw new UsageError(`--top must be a whole number from 1 to ${MAX_TOP}, got ${top}`);
  let users: number | 'all' | undefined;
  if (v.users !== undefined) {
    users = v.users === 'all' ? 'all' : intOption(v.users, 'users', 0);
    if (users !== 'all' && users < 1) throw new UsageError(`--users must be a whole number >= 1 or "all", got ${users}`);
  }
  const seed = v.seed === undefined ? undefined : intOption(v.seed, 'seed', 0);
  if (seed !== undefined && (seed < 0 || seed > 2 ** 31 - 1)) throw new UsageError(`--seed must be a whole number from 0 to ${2 ** 31 - 1}, got ${seed}`);

  const show = progressPrinter(io, 'influences');
  const map = await runCliJob(host.services(), 'influenceMap', { modelId: intOption(v.model, 'model', 0), by, part, top, users, seed }, (p) => {
    // Only a map of many steps is worth a progress line.
    const d = p.detail as { done: number; total: number } | undefined;
    if (d && d.total > 2000) show(p.fraction, p.message);
  });
  const name = (item: string, title: string | null) => (title ? `${title} (${item})` : item);
  const lines = [
    `model ${map.modelId} (${map.model}), by ${map.by}, ${map.part === 'train' ? 'training part' : 'whole timelines'}: ${map.steps} steps of ${map.users} users${map.sampled ? ` (a seeded sample of ${map.eligibleUsers}, seed ${map.seed})` : ''}, ${map.totalPairs} pairs`,
    ...map.pairs.map((p, k) => `${String(k + 1).padStart(4)}  ${p.weight.toFixed(3).padStart(9)}  ${String(p.steps).padStart(6)} steps  ${name(p.from, p.fromTitle)} -> ${name(p.to, p.toTitle)}`),
    map.note,
  ];
  emit(io, map, lines.join('\n'));
}
