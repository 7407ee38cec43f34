// The training form's defaults (src-renderer/lib/train-form.ts) are the CLI's (DEFAULT_CONFIG):
// the renderer may not import core, so this test, which may cross layers, holds them equal.
// Once the form offered 30 epochs where `rum-workbench train` runs 100 (issue 11).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src-main/core/train/config';
import { PAPER_DEFAULTS, parseTrainForm } from '../src-renderer/lib/train-form';

describe('training form defaults', () => {
  it('are the CLI defaults, setting by setting', () => {
    const r = parseTrainForm(PAPER_DEFAULTS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const [name, value] of Object.entries(r.settings)) {
      expect({ name, value }).toEqual({ name, value: DEFAULT_CONFIG[name as keyof typeof DEFAULT_CONFIG] });
    }
    expect(r.settings.epochs).toBe(DEFAULT_CONFIG.epochs);
  });
});
