import { describe, expect, it } from 'vitest';
import { chromiumArgs } from './chromium';

describe('chromiumArgs', () => {
  it('gives up the sandbox only for root', () => {
    expect(chromiumArgs(0)).toContain('--no-sandbox');
    expect(chromiumArgs(1000)).not.toContain('--no-sandbox');
    // Windows has no uids: the sandbox stays.
    expect(chromiumArgs(undefined)).not.toContain('--no-sandbox');
  });

  it('keeps the printer off the network either way', () => {
    for (const uid of [0, 1000]) expect(chromiumArgs(uid)).toEqual(expect.arrayContaining(['--disable-background-networking', '--disable-component-update', '--disable-sync']));
  });
});
