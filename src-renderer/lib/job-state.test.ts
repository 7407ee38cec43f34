import { describe, expect, it } from 'vitest';
import { applyEvent, startJob } from './job-state';

describe('applyEvent', () => {
  const running = { ...startJob(), status: 'running' as const, jobId: 'j1' };
  it('follows progress and keeps details', () => {
    const s = applyEvent(running, { jobId: 'j1', kind: 'train', type: 'progress', fraction: 0.5, message: 'epoch 1', detail: { epoch: 1 } });
    expect(s).toMatchObject({ status: 'running', fraction: 0.5, message: 'epoch 1', details: [{ epoch: 1 }] });
    expect(applyEvent(s, { jobId: 'j1', kind: 'train', type: 'progress', fraction: 7, message: '' }).fraction).toBe(1);
  });
  it('ends with done, error or cancelled and ignores later events', () => {
    const done = applyEvent(running, { jobId: 'j1', kind: 'train', type: 'done', result: { modelId: 3 } });
    expect(done).toMatchObject({ status: 'done', result: { modelId: 3 } });
    expect(applyEvent(done, { jobId: 'j1', kind: 'train', type: 'cancelled' })).toBe(done);
    const err = applyEvent(running, { jobId: 'j1', kind: 'import', type: 'error', error: { kind: 'input', message: 'bad', file: 'a.csv', line: 3 } });
    expect(err.error).toEqual({ kind: 'input', message: 'bad', file: 'a.csv', line: 3 });
    expect(applyEvent(running, { jobId: 'j1', kind: 'x', type: 'cancelled' }).status).toBe('cancelled');
  });
  it('ignores other jobs', () => {
    expect(applyEvent(running, { jobId: 'other', kind: 'x', type: 'cancelled' })).toBe(running);
  });
});
