import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInput, trainSettings } from '../src-main/api/contract';
import { toApiError } from '../src-main/api/errors';
import { DEFAULT_CONFIG, MODEL_KINDS, SETTING_LIMITS, validateConfig, type NumericSetting } from '../src-main/core/train/config';
import { main } from '../src-main/hosts/cli/main';
import { parseTrainForm, PAPER_DEFAULTS, type FieldName } from '../src-renderer/lib/train-form';
import { cli } from './cli';
import { tmpDir } from './helpers';

// The settings arrive three ways: a call (zod, in the app and the browser host), the command line
// and the trainer itself (validateConfig, under every job). Each must refuse exactly the same
// values with the same words, naming the same limit.

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** What each entry point answers for one setting: undefined when it accepts the value. */
function viaApi(name: string, value: unknown): string | undefined {
  try {
    parseInput('trainModel', { datasetId: 1, settings: { [name]: value } });
    return undefined;
  } catch (e) {
    const message = toApiError(e).message;
    expect(message.startsWith(`settings.${name}: `)).toBe(true);
    return message.slice(`settings.${name}: `.length);
  }
}

function viaCore(name: string, value: unknown): string | undefined {
  try {
    validateConfig({ ...DEFAULT_CONFIG, [name]: value });
    return undefined;
  } catch (e) {
    expect((e as Error).name).toBe('InputError');
    return (e as Error).message;
  }
}

/** The real command line in this process: exit code and the error line, if any. */
async function viaCli(flag: string, text: string, db: string): Promise<string | undefined> {
  let err = '';
  const code = await main(['train', '--dataset', '999', `--${flag}=${text}`, '--db', db], { json: false, out: () => {}, err: (s) => (err += s), isTTY: false });
  expect(code).toBe(2);
  // A value the checks accept reaches the store, which has no dataset 999.
  if (/no dataset 999/.test(err)) return undefined;
  expect(err).toMatch(/^error: .*\n$/);
  return err.slice('error: '.length, -1);
}

// model and gradients name a choice, not a number: the last test holds them to one message too.
const apiSettings = Object.keys(trainSettings.shape).filter((k) => k !== 'model' && k !== 'gradients') as NumericSetting[];

describe('training settings: one set of limits for every entry point', () => {
  it('the call schema has no setting of its own: each one is a setting with limits in core', () => {
    expect(apiSettings.length).toBeGreaterThan(10);
    for (const name of apiSettings) expect(SETTING_LIMITS).toHaveProperty(name);
  });

  it('the call, the trainer and the command line refuse the same values with the same message, and accept the limits', async () => {
    const db = join(tmpDir(), 'store.db');
    for (const name of apiSettings) {
      const { whole, min, max } = SETTING_LIMITS[name];
      const bad = [min - 1, max + 1, ...(whole ? [min + 0.5] : [])];
      for (const value of bad) {
        const expected = `${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${value}`;
        expect(viaApi(name, value), `${name} = ${value} by a call`).toBe(expected);
        expect(viaCore(name, value), `${name} = ${value} in the trainer`).toBe(expected);
        expect(await viaCli(kebab(name), String(value), db), `--${kebab(name)} ${value}`).toBe(expected);
      }
      for (const value of [min, max]) {
        expect(viaApi(name, value)).toBeUndefined();
        expect(viaCore(name, value)).toBeUndefined();
        expect(await viaCli(kebab(name), String(value), db)).toBeUndefined();
      }
    }
  });

  it('a value that is not a number is quoted as typed, by the command line and by a call', async () => {
    const db = join(tmpDir(), 'store.db');
    const expected = 'dim must be a whole number from 1 to 512, got "many"';
    expect(await viaCli('dim', 'many', db)).toBe(expected);
    expect(viaApi('dim', 'many')).toBe(expected);
    expect(await viaCli('lr', '', db)).toBe('lr must be a number from 1e-8 to 10, got ""');
  });

  it('the model list is the same everywhere', async () => {
    const db = join(tmpDir(), 'store.db');
    const expected = `model must be one of ${MODEL_KINDS.join(', ')}, got "hmm"`;
    expect(viaApi('model', 'hmm')).toBe(expected);
    expect(viaCore('model', 'hmm')).toBe(expected);
    expect(await viaCli('model', 'hmm', db)).toBe(expected);
    for (const kind of MODEL_KINDS) {
      expect(viaApi('model', kind)).toBeUndefined();
      expect(viaCore('model', kind)).toBeUndefined();
    }
  });

  it("the training form shows the same message under the field", () => {
    const r = parseTrainForm({ ...PAPER_DEFAULTS, dim: '513', minUserEvents: '1' } satisfies Record<FieldName, string>);
    expect(r).toEqual({
      ok: false,
      errors: { dim: 'dim must be a whole number from 1 to 512, got 513', minUserEvents: 'minUserEvents must be a whole number from 2 to 10000, got 1' },
    });
  });

  it('the installed command exits 2 with that one line', () => {
    const r = cli(['train', '--dataset', '1', '--threads', '3', '--db', join(tmpDir(), 'store.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: threads must be a whole number from 1 to 2, got 3\n');
  });

  it('gradients: the call, the trainer and the command line refuse an unknown kernel with the same message, and take each known one', async () => {
    const db = join(tmpDir(), 'store.db');
    const expected = 'gradients must be kernel, wasm, tfjs, got fast';
    expect(viaApi('gradients', 'fast')).toBe(expected);
    expect(viaCore('gradients', 'fast')).toBe(expected);
    expect(await viaCli('gradients', 'fast', db)).toBe(expected);
    for (const value of ['kernel', 'wasm', 'tfjs']) {
      expect(viaApi('gradients', value)).toBeUndefined();
      expect(viaCore('gradients', value)).toBeUndefined();
      expect(await viaCli('gradients', value, db)).toBeUndefined();
    }
  });
});
