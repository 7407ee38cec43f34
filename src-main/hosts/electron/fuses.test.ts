// The fuses electron-builder flips in the packaged app (electron-builder.yml), read from the
// file itself so that a changed or dropped fuse fails here rather than ship.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CONFIG = new URL('../../../electron-builder.yml', import.meta.url);

/** The `key: true|false` lines of one top-level block; anything else in the block is an error. */
function booleanBlock(yaml: string, name: string): Record<string, boolean> {
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex((l) => l === `${name}:`);
  if (start < 0) throw new Error(`electron-builder.yml has no top-level "${name}:" block`);
  const block: Record<string, boolean> = {};
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) break;
    const m = /^\s+(\w+):\s*(true|false)\s*(#.*)?$/.exec(line);
    if (!m) throw new Error(`electron-builder.yml line ${i + 1}: "${line.trim()}" is not "fuse: true|false"`);
    if (m[1] in block) throw new Error(`electron-builder.yml line ${i + 1}: ${m[1]} is set twice`);
    block[m[1]] = m[2] === 'true';
  }
  return block;
}

describe('electron-builder.yml', () => {
  const yaml = readFileSync(CONFIG, 'utf8');

  it('sets every fuse of the security checklist', () => {
    expect(booleanBlock(yaml, 'electronFuses')).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the Electron major that package.json installs, and an asar', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
    const wanted = /^\^?(\d+)\./.exec(pkg.devDependencies.electron)![1];
    expect(/^electronVersion: (\d+)\./m.exec(yaml)?.[1]).toBe(wanted);
    expect(Number(wanted)).toBeGreaterThanOrEqual(45);
    expect(yaml).toMatch(/^asar: true$/m);
  });

  it('reads the block strictly: a stray value is an error naming its line', () => {
    expect(() => booleanBlock('electronFuses:\n  runAsNode: yes\n', 'electronFuses')).toThrow(/line 2: "runAsNode: yes"/);
    expect(() => booleanBlock('asar: true\n', 'electronFuses')).toThrow(/no top-level "electronFuses:"/);
  });
});
