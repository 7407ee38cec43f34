import { describe, expect, it } from 'vitest';
import { partText } from './reason';

describe('partText: a logit part in a sentence', () => {
  it('prints two decimals, and a part that rounds to zero with two significant digits, never "−0.00"', () => {
    expect(partText(1.234)).toBe('1.23');
    expect(partText(-0.5)).toBe('−0.50');
    expect(partText(-0.0012345)).toBe('−0.0012');
    expect(partText(0.00049)).toBe('0.00049');
    expect(partText(0.004996)).toBe('0.0050');
    expect(partText(0)).toBe('0');
    expect(partText(-0)).toBe('0');
    for (const x of [-1e-9, -0.004, 0.004, 3e-7]) expect(partText(x)).not.toMatch(/^−?0\.00$/);
  });
});
