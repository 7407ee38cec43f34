import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './helpers';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown>;
}

/** Runs the real installed bin, as a user would (`npx rum-workbench ...`). */
export function cli(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [join(REPO, 'bin', 'rum-workbench.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => JSON.parse(r.stdout),
  };
}
