import { describe, expect, it } from 'vitest';
import { describeError, plainMessage, shownError } from './errors';

describe('plainMessage', () => {
  it("rewords zod's messages, naming the field", () => {
    expect(plainMessage('top: Too small: expected number to be >=1')).toBe('The number of recommendations must be at least 1');
    expect(plainMessage('limit: Too big: expected number to be <=5000')).toBe('The number of rows must be at most 5000');
    expect(plainMessage('alphas.3: Too big: expected number to be <=10')).toBe('The α values must be at most 10');
    expect(plainMessage('step: Invalid input: expected int, received number')).toBe('The step must be a whole number');
    expect(plainMessage('name: Too small: expected string to have >=1 characters')).toBe('The name cannot be empty');
    expect(plainMessage('format: Invalid option: expected one of "html"|"pdf"')).toBe('The format must be one of html, pdf');
    expect(plainMessage('input: Unrecognized key: "bogus"')).toBe('Unknown setting bogus');
    expect(plainMessage('user: Invalid input: expected string, received undefined')).toBe('The user is missing');
  });
  it("keeps the contract's own words, which already name the setting", () => {
    const core = 'settings.epochs: epochs must be a whole number from 1 to 1000, got 0';
    expect(plainMessage(core)).toBe('Epochs must be a whole number from 1 to 1000, got 0');
    expect(plainMessage(`${core}; top: Too small: expected number to be >=1`)).toBe('Epochs must be a whole number from 1 to 1000, got 0; the number of recommendations must be at least 1');
  });
  it('leaves other messages as they are', () => {
    expect(plainMessage('no model 7')).toBe('no model 7');
    expect(plainMessage('log.csv, line 3: bad timestamp "x"')).toBe('log.csv, line 3: bad timestamp "x"');
    // A part it cannot reword keeps the whole message as sent rather than half of it reworded.
    expect(plainMessage('top: Too small: expected number to be >=1; x: something new')).toBe('top: Too small: expected number to be >=1; x: something new');
  });
});

describe('shownError', () => {
  it('names the file and line once, not again in the message', () => {
    const e = shownError({ kind: 'input', message: 'log.csv, line 3: bad timestamp "x"', file: 'log.csv', line: 3 });
    expect(e).toEqual({ message: 'bad timestamp "x"', file: 'log.csv', line: 3 });
    expect(describeError({ kind: 'input', message: 'log.csv, line 3: bad timestamp "x"', file: 'log.csv', line: 3 })).toBe('bad timestamp "x" (log.csv, line 3)');
  });
  it('does not show line 0, which means the whole file', () => {
    expect(shownError({ kind: 'input', message: 'big.csv, line 0: not a file', file: 'big.csv', line: 0 })).toEqual({ message: 'not a file', file: 'big.csv' });
  });
  it('rewords input errors only; an internal error is shown as sent', () => {
    expect(shownError({ kind: 'input', message: 'top: Too small: expected number to be >=1' }).message).toBe('The number of recommendations must be at least 1');
    expect(shownError({ kind: 'internal', message: 'top: Too small: expected number to be >=1' }).message).toBe('top: Too small: expected number to be >=1');
  });
});
