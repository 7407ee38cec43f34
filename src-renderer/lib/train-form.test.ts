import { describe, expect, it } from 'vitest';
import { formForModel, PAPER_DEFAULTS, parseAlphas, parseTrainForm } from './train-form';

describe('parseTrainForm', () => {
  it('turns the paper defaults into settings', () => {
    const r = parseTrainForm(PAPER_DEFAULTS);
    expect(r).toEqual({
      ok: true,
      settings: { model: 'rum-item', dim: 32, slots: 20, alpha: 0.2, beta: 1, epochs: 100, lr: 0.005, l2: 0.0001, negatives: 1, seed: 1, minUserEvents: 10 },
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

describe('formForModel', () => {
  it("keeps what was typed in a locked field when it is a number, and falls back to the default when it cannot be corrected", () => {
    const typed = { ...PAPER_DEFAULTS, model: 'bpr', alpha: 'abc', slots: '7', dim: 'x' };
    const sent = formForModel(typed);
    // BPR-MF fixes alpha and K: a bad alpha falls back, a good K stays; dim is its own, so a bad one stays bad.
    expect(sent).toMatchObject({ alpha: PAPER_DEFAULTS.alpha, slots: '7', dim: 'x' });
    expect(parseTrainForm(sent)).toMatchObject({ ok: false, errors: { dim: 'a number is needed' } });
    expect(formForModel({ ...PAPER_DEFAULTS, model: 'pop', dim: '' }).dim).toBe(PAPER_DEFAULTS.dim);
    expect(formForModel({ ...PAPER_DEFAULTS, model: 'rum-item', alpha: '' }).alpha).toBe('');
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
