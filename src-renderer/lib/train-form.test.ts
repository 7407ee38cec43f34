import { describe, expect, it } from 'vitest';
import { PAPER_DEFAULTS, parseAlphas, parseTrainForm } from './train-form';

describe('parseTrainForm', () => {
  it('turns the paper defaults into settings', () => {
    const r = parseTrainForm(PAPER_DEFAULTS);
    expect(r).toEqual({
      ok: true,
      settings: { model: 'rum-item', dim: 32, slots: 20, alpha: 0.2, beta: 1, epochs: 30, lr: 0.005, l2: 0.0001, negatives: 1, seed: 1, minUserEvents: 10 },
    });
  });
  it('names each bad field', () => {
    const r = parseTrainForm({ ...PAPER_DEFAULTS, dim: 'x', epochs: '0', lr: '-1', slots: '2.5' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['dim', 'epochs', 'lr', 'slots']);
    expect(r.errors.dim).toBe('a number is needed');
  });
});

describe('parseAlphas', () => {
  it('parses, sorts and dedupes', () => {
    expect(parseAlphas('0.4, 0,0.1 0.2;0.8 0')).toEqual({ ok: true, alphas: [0, 0.1, 0.2, 0.4, 0.8] });
  });
  it('rejects bad values', () => {
    expect(parseAlphas('')).toMatchObject({ ok: false });
    expect(parseAlphas('0, x')).toEqual({ ok: false, error: '"x" is not a number between 0 and 10' });
    expect(parseAlphas('11')).toMatchObject({ ok: false });
  });
});
