import { describe, expect, it } from 'vitest';
import { DEFAULT_KIND, explainable, lockedBecause, MODEL_CHOICES, modelTitle, settingCell } from './model-catalog';

describe('the model catalogue as the UI uses it', () => {
  it('offers every kind by the name the paper uses, item-level RUM first', () => {
    expect(MODEL_CHOICES).toEqual([
      { value: 'rum-item', label: 'RUM (item)' },
      { value: 'rum-feature', label: 'Feature-level RUM' },
      { value: 'pop', label: 'MostPopular' },
      { value: 'bpr', label: 'BPR-MF' },
      { value: 'fpmc', label: 'FPMC' },
      { value: 'gru', label: 'GRU (DREAM)' },
      { value: 'sasrec', label: 'SASRec' },
    ]);
    expect(DEFAULT_KIND).toBe('rum-item');
    expect(modelTitle('fpmc')).toBe('FPMC');
    expect(modelTitle('some-later-model')).toBe('some-later-model');
  });

  it('explains the models with embeddings, not MostPopular or an unknown kind', () => {
    expect(['rum-item', 'bpr', 'fpmc', 'pop', 'x'].map(explainable)).toEqual([true, true, true, false, false]);
  });

  it('locks the settings a kind fixes or ignores, and says why', () => {
    expect(lockedBecause('rum-item', 'slots')).toBeNull();
    expect(lockedBecause('bpr', 'alpha')).toBe('BPR-MF fixes it at 0');
    expect(lockedBecause('fpmc', 'slots')).toBe('FPMC fixes it at 1');
    expect(lockedBecause('fpmc', 'beta')).toBe('FPMC does not use it');
    expect(lockedBecause('pop', 'dim')).toBe('MostPopular does not use it');
    expect(lockedBecause('pop', 'minUserEvents')).toBeNull();
  });

  it('shows a stored setting as used, fixed or absent', () => {
    expect(settingCell('rum-item', 'slots', 20)).toBe('20');
    expect(settingCell('fpmc', 'slots', 20)).toBe('1');
    expect(settingCell('bpr', 'alpha', 0.2)).toBe('0');
    expect(settingCell('pop', 'dim', 32)).toBe('–');
  });
});
