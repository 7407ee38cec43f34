import { describe, expect, it } from 'vitest';
import { CancelState } from './cancel-state';

describe('CancelState: a cancel and a commit, whichever comes first wins', () => {
  it('a cancel before the commit stops the commit', () => {
    const s = new CancelState();
    expect(s.cancel()).toBe(true);
    expect(s.commit()).toBe(false);
    expect(s.cancelled).toBe(true);
  });

  it('a commit before the cancel makes the cancel too late', () => {
    const s = new CancelState();
    expect(s.commit()).toBe(true);
    expect(s.cancel()).toBe(false);
    expect(s.cancelled).toBe(false);
  });

  it('two views of one buffer (the caller and the worker) share the word', () => {
    const caller = new CancelState();
    const worker = new CancelState(caller.buffer);
    expect(caller.cancel()).toBe(true);
    expect(worker.cancelled).toBe(true);
    expect(worker.commit()).toBe(false);
  });
});
