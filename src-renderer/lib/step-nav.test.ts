import { describe, expect, it } from 'vitest';
import { keyAction, stepReducer } from './step-nav';

describe('stepReducer', () => {
  const s = { step: 3, last: 5 };
  it('moves one step and stays in range', () => {
    expect(stepReducer(s, { type: 'next' }).step).toBe(4);
    expect(stepReducer(s, { type: 'prev' }).step).toBe(2);
    expect(stepReducer({ step: 5, last: 5 }, { type: 'next' }).step).toBe(5);
    expect(stepReducer({ step: 0, last: 5 }, { type: 'prev' }).step).toBe(0);
  });
  it('jumps to ends and clamps set values', () => {
    expect(stepReducer(s, { type: 'first' }).step).toBe(0);
    expect(stepReducer(s, { type: 'last' }).step).toBe(5);
    expect(stepReducer(s, { type: 'set', step: 99 }).step).toBe(5);
    expect(stepReducer(s, { type: 'set', step: -2 }).step).toBe(0);
    expect(stepReducer(s, { type: 'set', step: Number.NaN }).step).toBe(0);
  });
  it('resets to a new range', () => {
    expect(stepReducer(s, { type: 'reset', last: 40, step: 26 })).toEqual({ step: 26, last: 40 });
    expect(stepReducer(s, { type: 'reset', last: 2, step: 26 })).toEqual({ step: 2, last: 2 });
  });
});

describe('keyAction', () => {
  it('maps arrows and Home/End outside text fields', () => {
    expect(keyAction('ArrowRight', 'BODY')).toEqual({ type: 'next' });
    expect(keyAction('ArrowLeft', 'button')).toEqual({ type: 'prev' });
    expect(keyAction('Home', 'DIV')).toEqual({ type: 'first' });
    expect(keyAction('End', undefined)).toEqual({ type: 'last' });
    expect(keyAction('a', 'BODY')).toBeNull();
  });
  it('leaves inputs and editable elements alone', () => {
    expect(keyAction('ArrowRight', 'INPUT')).toBeNull();
    expect(keyAction('ArrowLeft', 'TEXTAREA')).toBeNull();
    expect(keyAction('ArrowLeft', 'SELECT')).toBeNull();
    expect(keyAction('ArrowLeft', 'DIV', true)).toBeNull();
  });
});
