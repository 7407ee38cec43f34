// `npm start` decides between Electron and the browser host without side effects: finding
// Electron's binary never downloads it (package.json's allowScripts denies that step).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { electronBinary } from '../src-main/hosts/start';
import { fileWith, tmpDir } from './helpers';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('npm start: finding Electron', () => {
  it('says why there is no binary, or gives one that exists, without trying to download it', () => {
    vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', '');
    const said = vi.spyOn(console, 'log');
    const found = electronBinary();
    if (found.path) expect(existsSync(found.path)).toBe(true);
    else expect(found.why).toBe('the Electron binary is not installed');
    expect(said).not.toHaveBeenCalled(); // electron's own getter prints 'Downloading Electron binary...'
  });

  it('says why when ELECTRON_OVERRIDE_DIST_PATH holds no binary', () => {
    vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', join(tmpDir(), 'empty'));
    expect(electronBinary()).toEqual({ why: 'the Electron binary is not installed' });
  });

  it('finds a binary where ELECTRON_OVERRIDE_DIST_PATH puts it', () => {
    const dir = tmpDir();
    const binary = fileWith('electron', '#!/bin/sh\n', dir);
    vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', dir);
    expect(electronBinary()).toEqual({ path: binary });
  });
});
