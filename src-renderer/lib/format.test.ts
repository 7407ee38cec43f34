import { describe, expect, it } from 'vitest';
import { binLabel, fmtDuration, fmtFixed, fmtInt, fmtMetric, fmtPct, fmtSigned, fmtSpan, fmtTime, itemName, plural } from './format';

describe('format', () => {
  it('formats integers with separators and missing values as a dash', () => {
    expect(fmtInt(10185)).toBe('10,185');
    expect(fmtInt(null)).toBe('–');
    expect(fmtInt(Number.NaN)).toBe('–');
  });
  it('formats percentages and keeps tiny attention visible', () => {
    expect(fmtPct(0.1234)).toBe('12.3 %');
    expect(fmtPct(1)).toBe('100.0 %');
    expect(fmtPct(0)).toBe('0.0 %');
    expect(fmtPct(1e-7)).toBe('<0.1 %');
  });
  it('formats metrics and signed numbers', () => {
    expect(fmtMetric(0.123456)).toBe('0.1235');
    expect(fmtSigned(0.5)).toBe('+0.500');
    expect(fmtSigned(-0.25, 2)).toBe('−0.25');
  });
  it('formats times in UTC and spans in days', () => {
    expect(fmtTime('2024-04-16T04:22:43.000Z')).toBe('2024-04-16 04:22');
    expect(fmtTime(null)).toBe('–');
    expect(fmtTime('not a date')).toBe('–');
    expect(fmtSpan(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 11))).toBe('2024-01-01 → 2024-01-11 (10 days)');
    expect(fmtSpan(null, 5)).toBe('–');
  });
  it('formats durations', () => {
    expect(fmtDuration(3.21)).toBe('3.2 s');
    expect(fmtDuration(42)).toBe('42 s');
    expect(fmtDuration(185)).toBe('3 min 05 s');
    expect(fmtDuration(3720)).toBe('1 h 02 min');
    expect(fmtDuration(-1)).toBe('–');
  });
  it('labels histogram bins and names items', () => {
    expect(binLabel({ from: 1, to: 1 })).toBe('1');
    expect(binLabel({ from: 3, to: 4 })).toBe('3–4');
    expect(binLabel({ from: 1000, to: null })).toBe('1000+');
    expect(itemName({ item: 'p1', title: null })).toBe('p1');
    expect(itemName({ item: 'p1', title: 'Kettle' })).toBe('Kettle');
  });
  it('never shows a signed zero', () => {
    // toFixed keeps the sign of a tiny negative: (-1e-6).toFixed(4) is "-0.0000".
    expect((-1e-6).toFixed(4)).toBe('-0.0000');
    expect(fmtFixed(-1e-6, 4)).toBe('0.0000');
    expect(fmtFixed(-0, 2)).toBe('0.00');
    expect(fmtFixed(-0.00051, 3)).toBe('-0.001');
    expect(fmtMetric(-1e-9)).toBe('0.0000');
    expect(fmtSigned(-1e-9, 4)).toBe('0.0000');
    expect(fmtSigned(-0)).toBe('0.000');
    expect(fmtSigned(-0.0004)).toBe('0.000');
    expect(fmtSigned(-0.0006)).toBe('−0.001');
    expect(fmtPct(-1e-9)).toBe('0.0 %');
  });
  it('puts counts in the right number', () => {
    expect(plural(1, 'slot')).toBe('1 slot');
    expect(plural(0, 'slot')).toBe('0 slots');
    expect(plural(20, 'slot')).toBe('20 slots');
    expect(plural(1024, 'purchase')).toBe('1,024 purchases');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
    expect(fmtSpan(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2))).toBe('2024-01-01 → 2024-01-02 (1 day)');
  });
});
