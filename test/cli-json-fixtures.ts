/**
 * The command lines whose --json output is pinned by test/fixtures/cli-json/, and the rules for
 * comparing a fresh run with them. Shared by the test and by make-cli-json-fixtures.ts, which
 * recorded the fixtures with the code as it was before issue 10's refactor, so that any change
 * in what a command prints shows up as a failing test.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export type Main = (
  argv: string[],
  io: { json: boolean; out: (s: string) => void; err: (s: string) => void; isTTY: boolean },
) => Promise<number>;

/** One command line; `file` names the output file whose content is pinned too, and how to read it. */
export interface Step {
  name: string;
  argv: string[];
  file?: { path: string; as: 'json' | 'csv' };
}

/** What one step produced, normalised: stdout's JSON object and the content of its output file. */
export interface Outcome {
  argv: string[];
  code: number;
  stdout: unknown;
  file?: unknown;
}

const SMALL = ['--dim', '8', '--epochs', '3', '--seed', '1', '--threads', '1'];

/**
 * Every command of the CLI with --json, on the demo dataset (ids follow from the order: dataset 1;
 * models 1 rum-item, 2 pop, 3 bpr, 4 fpmc). The management commands come last since they delete.
 * `demo` is the folder holding purchases.csv and items.csv; `out` a scratch folder.
 */
export function steps(demo: string, out: string): Step[] {
  const explain = (model: string, user: string, extra: string[]): string[] => ['explain', '--model', model, '--user', user, ...extra];
  return [
    { name: 'import', argv: ['import', join(demo, 'purchases.csv'), '--items', join(demo, 'items.csv')] },
    { name: 'import-again', argv: ['import', join(demo, 'purchases.csv'), '--items', join(demo, 'items.csv')] },
    { name: 'datasets', argv: ['datasets'] },
    { name: 'train-rum-item', argv: ['train', '--dataset', '1', '--model', 'rum-item', '--slots', '5', ...SMALL] },
    { name: 'train-rum-item-cached', argv: ['train', '--dataset', '1', '--model', 'rum-item', '--slots', '5', ...SMALL] },
    { name: 'train-pop', argv: ['train', '--dataset', '1', '--model', 'pop', '--seed', '1', '--threads', '1'] },
    { name: 'train-bpr', argv: ['train', '--dataset', '1', '--model', 'bpr', ...SMALL] },
    { name: 'train-fpmc', argv: ['train', '--dataset', '1', '--model', 'fpmc', ...SMALL] },
    { name: 'models', argv: ['models'] },
    { name: 'models-of-dataset', argv: ['models', '--dataset', '1'] },
    { name: 'evaluate-rum-item', argv: ['evaluate', '--model', '1'] },
    { name: 'evaluate-rum-item-n10', argv: ['evaluate', '--model', '1', '--n', '10'] },
    { name: 'evaluate-pop', argv: ['evaluate', '--model', '2'] },
    { name: 'evaluate-bpr', argv: ['evaluate', '--model', '3'] },
    { name: 'evaluate-fpmc', argv: ['evaluate', '--model', '4'] },
    { name: 'explain-default-step', argv: explain('1', 'u0001', []) },
    { name: 'explain-step-item', argv: explain('1', 'u0001', ['--step', '12', '--item', 'p002']) },
    { name: 'explain-test-step', argv: explain('1', 'u0002', ['--step', '33', '--top', '3', '--item', 'p050']) },
    { name: 'explain-first-step', argv: explain('1', 'u0100', ['--step', '0', '--top', '2']) },
    { name: 'explain-fpmc', argv: explain('4', 'u0002', ['--step', '5', '--top', '3', '--item', 'p001']) },
    { name: 'explain-bpr', argv: explain('3', 'u0003', ['--step', '9', '--top', '3']) },
    { name: 'timeline', argv: ['timeline', '--model', '1', '--user', 'u0001'] },
    { name: 'timeline-thresholds', argv: ['timeline', '--model', '1', '--user', 'u0007', '--min-weight', '0.3', '--min-followers', '3'] },
    { name: 'timeline-fpmc', argv: ['timeline', '--model', '4', '--user', 'u0002'] },
    {
      name: 'report-json',
      argv: ['report', '--model', '1', '--user', 'u0001', '--format', 'json', '--out', join(out, 'report.json')],
      file: { path: join(out, 'report.json'), as: 'json' },
    },
    {
      name: 'report-csv',
      argv: ['report', '--model', '1', '--user', 'u0001', '--format', 'csv', '--out', join(out, 'report.csv')],
      file: { path: join(out, 'report.csv'), as: 'csv' },
    },
    {
      name: 'export-model-rum-item',
      argv: ['export-model', '--model', '1', '--out', join(out, 'model1.json')],
      file: { path: join(out, 'model1.json'), as: 'json' },
    },
    {
      name: 'export-model-fpmc',
      argv: ['export-model', '--model', '4', '--out', join(out, 'model4.json')],
      file: { path: join(out, 'model4.json'), as: 'json' },
    },
    { name: 'rename-dataset', argv: ['rename-dataset', '--dataset', '1', '--name', 'Demo store'] },
    { name: 'delete-model', argv: ['delete-model', '--model', '3'] },
    { name: 'models-after-delete', argv: ['models'] },
    { name: 'delete-dataset', argv: ['delete-dataset', '--dataset', '1'] },
    { name: 'datasets-after-delete', argv: ['datasets'] },
  ];
}

/** Keys whose values legitimately differ between runs: wall-clock times and timestamps. */
const VARYING = new Set(['seconds', 'created', 'createdAt', 'generatedAt']);
/**
 * `bytes` is the size of a written report: it follows from how floats print, so a change in a
 * last digit (allowed below) would change it; the file's content is compared instead.
 */
const DERIVED = new Set(['bytes']);

/** How a run is written down so that fixtures hold nothing of the machine, or of a data set. */
export interface Places {
  /** Text replaced wherever it occurs (folders by `$DEMO`, `$OUT`; a data set's user id by `$USER`). */
  replace: [string, string][];
  /**
   * Keys whose text values are written as a short hash: a real data set's ids and titles must
   * not be copied into the repo, yet a change in them must still show.
   */
  hidden?: ReadonlySet<string>;
}

/** The places of a run on the demo: its folder and the scratch folder. */
export const demoPlaces = (demo: string, out: string): Places => ({ replace: [[out, '$OUT'], [demo, '$DEMO']] });

const hashed = (text: string): string => `#${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;

/** Drops varying keys, replaces machine-specific text and hashes hidden values. */
export function normalise(value: unknown, at: Places, key = ''): unknown {
  if (typeof value === 'string') {
    const text = key === 'reason' ? asBeforeIssue11(value) : value;
    if (at.hidden?.has(key)) return hashed(text);
    return at.replace.reduce((s, [from, to]) => s.split(from).join(to), text);
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v, at, key));
  if (value && typeof value === 'object') {
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!VARYING.has(k) && !DERIVED.has(k)) kept[k] = normalise(v, at, k);
    return kept;
  }
  return value;
}

/** Runs the steps in order with `main`, against a store at `db`; stderr is kept only for failures. */
export async function runSteps(main: Main, db: string, list: Step[], at: Places): Promise<Record<string, Outcome>> {
  const results: Record<string, Outcome> = {};
  for (const step of list) {
    let stdout = '';
    let stderr = '';
    const argv = [...step.argv, '--db', db, '--json'];
    const code = await main(argv, { json: true, out: (s) => (stdout += s), err: (s) => (stderr += s), isTTY: false });
    if (code !== 0) throw new Error(`${step.name}: exit ${code}: ${stderr}`);
    const outcome: Outcome = { argv: normalise(step.argv, at) as string[], code, stdout: normalise(JSON.parse(stdout), at) };
    if (step.file) {
      const text = readFileSync(step.file.path, 'utf8');
      outcome.file = step.file.as === 'json' ? normalise(JSON.parse(text), at) : normalise(parse(text) as string[][], at);
    }
    results[step.name] = outcome;
  }
  return results;
}

/** A number as the CLI prints it: JSON numbers, or CSV cells that are wholly a number. */
const NUMERIC = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** The training backend is the machine's (tfjs-node where it installs, else wasm, else cpu), not the code's. */
const BACKENDS = new Set(['tensorflow', 'wasm', 'cpu']);

/**
 * A reason sentence as the code before issue 11 printed it. Issue 11 stopped printing a near-zero
 * logit part as "−0.00": core/explain/reason.ts partText now gives two significant digits
 * ("−0.0012") or "0". partText prints more than two decimals only for a part that rounds to 0.00,
 * so mapping that number back to ±0.00 (the old text kept the sign) and "add 0." back to
 * "add 0.00." gives exactly the old sentence; any other change still differs, and a hidden
 * (hashed) sentence of a real data set compares exactly too.
 */
export function asBeforeIssue11(reason: string): string {
  // Only the one number partText prints (the memory part, at the sentence's end): a title in the
  // sentence may hold a number of its own.
  return reason.replace(/(the recent purchases add )(−?)(?:0\.\d{3,}|0)\.$/, (_m, lead: string, sign: string) => `${lead}${sign}0.00.`);
}

function sameNumber(a: number, b: number, rel: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Every difference between `expected` and `actual` as `path: expected … got …`: numbers may
 * differ by `rel` relative (float precision), everything else must be equal; every key of the
 * fixture must be there, and new keys may be added.
 */
export function differences(expected: unknown, actual: unknown, path = '', rel = 1e-9): string[] {
  const here = path || '(root)';
  if (typeof expected === 'number' && typeof actual === 'number') {
    return sameNumber(expected, actual, rel) ? [] : [`${here}: expected ${expected}, got ${actual}`];
  }
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (expected === actual) return [];
    if (path.endsWith('.backend') && BACKENDS.has(expected) && BACKENDS.has(actual)) return [];
    if (NUMERIC.test(expected) && NUMERIC.test(actual) && sameNumber(Number(expected), Number(actual), rel)) return [];
    return [`${here}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [`${here}: expected ${expected.length} entries, got ${actual.length}`];
    return expected.flatMap((e, i) => differences(e, actual[i], `${path}[${i}]`, rel));
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected) && !Array.isArray(actual)) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const missing = Object.keys(e).filter((k) => !(k in a)).map((k) => `${path}.${k}: missing`);
    // Keys the fixture lacks are allowed: the contract grows by adding keys, never by renaming or dropping.
    return [...missing, ...Object.keys(e).filter((k) => k in a).flatMap((k) => differences(e[k], a[k], `${path}.${k}`, rel))];
  }
  return Object.is(expected, actual) ? [] : [`${here}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
