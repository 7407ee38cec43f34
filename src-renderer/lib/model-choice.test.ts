import { describe, expect, it } from 'vitest';
import { modelTitle } from './model-catalog';
import { modelChoiceLabel } from './model-choice';

describe('modelChoiceLabel', () => {
  it('names the model by its title with the settings it uses', () => {
    const rum = modelChoiceLabel({ modelId: 3, kind: 'rum-item', config: { dim: 32, slots: 20, alpha: 0.2 } });
    expect(rum).toBe(`#3 ${modelTitle('rum-item')} · D 32 · K 20 · α 0.2`);
    expect(rum).not.toContain('rum-item');
  });
  it('leaves out what the kind fixes (BPR-MF has no memory)', () => {
    const bpr = modelChoiceLabel({ modelId: 4, kind: 'bpr', config: { dim: 16, slots: 20, alpha: 0.2 } });
    expect(bpr).toBe(`#4 ${modelTitle('bpr')} · D 16`);
  });
});
