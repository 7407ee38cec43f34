import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli';
import { DEMO } from './demo-model';
import { REPO, tmpDir } from './helpers';

describe('CLI: Ctrl+C during a job', () => {
  it('cancels the training through the services (cancelJob): "cancelled", exit 1, no model saved', async () => {
    const db = join(tmpDir(), 'wb.db');
    expect(cli(['import', join(DEMO, 'purchases.csv'), '--db', db, '--json']).code).toBe(0);
    // Enough epochs that the run is still going when the first progress line arrives.
    const child = spawn(process.execPath, [join(REPO, 'bin', 'rum-workbench.mjs'), 'train', '--dataset', '1', '--epochs', '1000', '--patience', '1000', '--db', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (b: Buffer) => {
        const first = !/epoch \d+\//.test(stderr);
        stderr += b.toString();
        if (first && /epoch \d+\//.test(stderr)) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(stderr).toMatch(/\ncancelled\n$/);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(cli(['models', '--db', db, '--json']).json().models).toEqual([]);
  }, 120_000);
});
