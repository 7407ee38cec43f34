// The job slots against the desktop bridge's real answers. window.rumApi stands in for the
// preload (there is no Electron here); it answers what hosts/electron/export-report.ts answers.
// The renderer makes its client once per page, so one bridge serves every test here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../src-main/api/contract';
import { jobState, runJob } from './jobs';

type Answer = Awaited<ReturnType<DesktopApi['call']>>;
let next: Answer;
const calls: string[] = [];

beforeAll(() => {
  (globalThis as { window?: unknown }).window = {
    rumApi: {
      call: async (method: string) => {
        calls.push(method);
        return next;
      },
      onEvent: () => () => undefined,
    },
  };
});

afterAll(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('runJob', () => {
  it('leaves the slot idle when the desktop save dialog was closed ({ cancelled: true })', async () => {
    next = { cancelled: true };
    await runJob('export-a', 'exportReport', { modelId: 1, user: 'u', format: 'html' });
    expect(calls.at(-1)).toBe('exportReport');
    expect(jobState('export-a')).toMatchObject({ status: 'idle', jobId: null });
  });

  it('follows the job a call started', async () => {
    next = { jobId: 'j1' };
    await runJob('export-b', 'exportReport', { modelId: 1, user: 'u', format: 'html' });
    expect(jobState('export-b')).toMatchObject({ status: 'running', jobId: 'j1' });
  });
});
