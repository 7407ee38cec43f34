// The bundled CLI (scripts/build-cli.mjs): bin/rum-workbench.mjs picks it only while it is as new
// as the sources; from it, `datasets` and the other store-only commands never load tfjs, a
// training runs in the bundled worker threads, and the outputs equal the sources' own.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/build-cli.mjs';
import { main } from '../src-main/hosts/cli/main';
import type { Io } from '../src-main/hosts/cli/output';
import { REPO, tmpDir } from './helpers';

// Inside the repo: a bundle finds its external packages (better-sqlite3, tfjs) in node_modules.
const scratch = (): string => {
  mkdirSync(join(REPO, 'dist'), { recursive: true });
  return mkdtempSync(join(REPO, 'dist', '.cli-test-'));
};

describe('bin/rum-workbench.mjs chooses between the bundle and the sources', () => {
  let root: string;
  const stampMs = Date.parse('2030-01-01T00:00:00Z');
  const at = (ms: number) => new Date(ms);

  // A stand-in repo with the real bin files: each "main" says which one ran.
  beforeAll(() => {
    root = scratch();
    for (const f of ['rum-workbench.mjs', 'cli-freshness.mjs']) {
      mkdirSync(join(root, 'bin'), { recursive: true });
      copyFileSync(join(REPO, 'bin', f), join(root, 'bin', f));
    }
    mkdirSync(join(root, 'src-main', 'hosts', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src-main', 'hosts', 'cli', 'main.ts'), "export async function main(a: string[]): Promise<number> { console.log('sources', a.join(' ')); return 0; }\n");
    mkdirSync(join(root, 'scripts'));
    writeFileSync(join(root, 'scripts', 'build-cli.mjs'), '');
    mkdirSync(join(root, 'dist', 'cli', 'v1'), { recursive: true });
    writeFileSync(join(root, 'dist', 'cli', 'v1', 'main.mjs'), "export async function main(a) { console.log('bundle', a.join(' ')); return 3; }\n");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /**
   * Writes the stamp and sets every input's mtime (files and folders) to ms, so one change can
   * then be made newer; each test starts from here, so each runs alone or in any order.
   */
  const ageInputs = (ms: number) => {
    writeFileSync(join(root, 'dist', 'cli', 'stamp.json'), JSON.stringify({ sourcesMtimeMs: stampMs, version: 'v1' }));
    for (const p of ['src-main', 'src-main/hosts', 'src-main/hosts/cli', 'src-main/hosts/cli/main.ts', 'scripts/build-cli.mjs']) {
      utimesSync(join(root, p), at(ms), at(ms));
    }
  };
  const run = (env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'rum-workbench.mjs'), 'datasets', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, RUM_CLI_FROM_SOURCES: '', ...env },
    });
    return { out: r.stdout.trim(), code: r.status };
  };

  it('runs the bundle, with its exit code, while no input is newer than the stamp', () => {
    ageInputs(stampMs - 1000);
    expect(run()).toEqual({ out: 'bundle datasets --json', code: 3 });
    ageInputs(stampMs); // equal is still fresh
    expect(run().out).toBe('bundle datasets --json');
  });

  it('runs the sources once a source, the build script or a folder (a file deleted) is newer', () => {
    for (const p of ['src-main/hosts/cli/main.ts', 'scripts/build-cli.mjs', 'src-main/hosts']) {
      ageInputs(stampMs - 1000);
      utimesSync(join(root, p), at(stampMs + 1000), at(stampMs + 1000));
      expect(run(), p).toEqual({ out: 'sources datasets --json', code: 0 });
    }
  });

  it('ignores a newer test file (the bundle holds none), but not the folder it was added to', () => {
    ageInputs(stampMs - 1000);
    const test = join(root, 'src-main', 'hosts', 'cli', 'main.test.ts');
    writeFileSync(test, '');
    utimesSync(test, at(stampMs + 1000), at(stampMs + 1000));
    utimesSync(join(root, 'src-main', 'hosts', 'cli'), at(stampMs - 1000), at(stampMs - 1000));
    expect(run().out).toBe('bundle datasets --json');
    unlinkSync(test);
  });

  it('runs the sources without a stamp, or when RUM_CLI_FROM_SOURCES is set', () => {
    ageInputs(stampMs - 1000);
    expect(run({ RUM_CLI_FROM_SOURCES: '1' }).out).toBe('sources datasets --json');
    unlinkSync(join(root, 'dist', 'cli', 'stamp.json'));
    expect(run().out).toBe('sources datasets --json');
  });
});

describe('the bundled CLI', () => {
  let bundle: string;
  let work: string;
  beforeAll(async () => {
    work = scratch();
    bundle = await buildCli(join(work, 'cli'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /**
   * Runs one command from the bundle in a fresh Node process; returns its exit code, stdout and
   * the packages it loaded. tfjs and better-sqlite3 are CommonJS, so require.cache lists them
   * even when loaded through import().
   */
  const fromBundle = (args: string[]) => {
    const probe = join(work, 'probe.mjs');
    writeFileSync(
      probe,
      `import { createRequire } from 'node:module';
const { main } = await import(${JSON.stringify(join(bundle, 'main.mjs'))});
let out = '';
const code = await main(JSON.parse(process.argv[2]), { json: true, out: (s) => { out += s; }, err: () => {}, isTTY: false });
const packages = [...new Set(Object.keys(createRequire(import.meta.url).cache)
  .filter((k) => k.includes('/node_modules/'))
  .map((k) => k.split('/node_modules/').pop().split('/').slice(0, k.includes('/node_modules/@') ? 2 : 1).join('/')))];
console.log(JSON.stringify({ code, out, packages }));
`,
    );
    const r = spawnSync(process.execPath, [probe, JSON.stringify(args)], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { code: number; out: string; packages: string[] };
  };
  const fromSources = async (args: string[]) => {
    let out = '';
    const io: Io = { json: true, out: (s) => void (out += s), err: () => {}, isTTY: false };
    return { code: await main(args, io), out };
  };
  /** Drops what differs between two runs of the same command (durations, dates). */
  const stable = (json: string) =>
    JSON.parse(json, (k, v: unknown) => (['seconds', 'created', 'createdAt'].includes(k) ? undefined : v)) as unknown;

  it('builds each version into its own folder, so a command running from an older one keeps its chunks', async () => {
    const again = await buildCli(join(work, 'cli'));
    expect(again).not.toBe(bundle);
    expect(readdirSync(bundle)).toContain('main.mjs');
    expect(readdirSync(bundle)).toContain('train-worker.cjs');
    const stamp = JSON.parse(readFileSync(join(work, 'cli', 'stamp.json'), 'utf8')) as { version: string };
    expect(join(work, 'cli', stamp.version)).toBe(again);
  });

  it('answers store-only commands without loading tfjs, as the sources do', async () => {
    const db = join(tmpDir(), 'store.db');
    const demo = join(REPO, 'resources', 'demo');
    const commands = [
      ['import', join(demo, 'purchases.csv'), '--items', join(demo, 'items.csv')],
      ['datasets'],
      ['models'],
      ['rename-dataset', '--dataset', '1', '--name', 'demo'],
      ['datasets'],
    ];
    for (const args of commands) {
      const b = fromBundle([...args, '--json', '--db', db]);
      expect(b.code, args[0]).toBe(0);
      // The check can fail: better-sqlite3 is seen, and tfjs is seen where it is loaded (below).
      expect(b.packages, args[0]).toContain('better-sqlite3');
      expect(b.packages.filter((p) => p.startsWith('@tensorflow/')), args[0]).toEqual([]);
    }
    const b = fromBundle(['datasets', '--json', '--db', db]);
    const s = await fromSources(['datasets', '--json', '--db', db]);
    expect(b.out).toBe(s.out);
    expect((JSON.parse(b.out) as { datasets: { name: string; events: number }[] }).datasets).toMatchObject([{ name: 'demo', events: 10185 }]);
  });

  it('trains in its bundled worker threads (with the epoch helper), loading tfjs only then, as the sources do', async () => {
    const db = join(tmpDir(), 'store.db');
    const demo = join(REPO, 'resources', 'demo');
    expect(fromBundle(['import', join(demo, 'purchases.csv'), '--json', '--db', db]).code).toBe(0);
    const settings = ['--dataset', '1', '--dim', '4', '--slots', '3', '--epochs', '2', '--seed', '7', '--json', '--db', db];
    const b = fromBundle(['train', ...settings, '--threads', '1']);
    const s = await fromSources(['train', ...settings, '--threads', '1', '--force']);
    expect(b.code).toBe(0);
    const bundled = stable(b.out) as Record<string, unknown>;
    const sources = stable(s.out) as Record<string, unknown>;
    expect(bundled.epochs).toBe(2);
    // Same seed, one thread: the same model, so the same metrics; ids differ (2 is the retrain).
    expect({ ...bundled, modelId: 0 }).toEqual({ ...sources, modelId: 0 });
    const two = fromBundle(['train', ...settings, '--threads', '2', '--force']);
    expect(two.code).toBe(0);
    expect(JSON.parse(two.out)).toMatchObject({ modelId: 3, epochs: 2 });
    const evaluated = fromBundle(['evaluate', '--model', '1', '--json', '--db', db]);
    expect(evaluated.packages).toContain('@tensorflow/tfjs');
    expect(stable(evaluated.out)).toEqual(stable((await fromSources(['evaluate', '--model', '1', '--json', '--db', db])).out));
  });
});
