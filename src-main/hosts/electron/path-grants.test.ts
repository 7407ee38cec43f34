// The desktop app's file gate: only paths main granted, for the use it granted them.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors';
import { PathGrants } from './path-grants';

const path = (p: string) => ({ kind: 'path' as const, path: p });

describe('PathGrants', () => {
  it('reads only paths granted for reading', () => {
    const grants = new PathGrants();
    const gate = grants.gate();
    expect(() => gate.readSource(path('/home/ann/log.csv'))).toThrow(/was not chosen in the Open dialog or dropped/);
    grants.grant('/home/ann/log.csv', 'read');
    expect(gate.readSource(path('/home/ann/log.csv'))).toBe('/home/ann/log.csv');
    expect(() => gate.readSource(path('/home/ann/.ssh/id_ed25519'))).toThrow(InputError);
  });

  it('writes only to paths granted for writing, and never without a path', () => {
    const grants = new PathGrants();
    const gate = grants.gate();
    grants.grant('/home/ann/r.pdf', 'write');
    expect(gate.reportTarget('pdf', 'u1', '/home/ann/r.pdf')).toBe('/home/ann/r.pdf');
    expect(() => gate.reportTarget('pdf', 'u1', '/home/ann/.bashrc')).toThrow(/Save dialog chooses/);
    expect(() => gate.reportTarget('pdf', 'u1', undefined)).toThrow(/Save dialog chooses/);
  });

  it('keeps read and write apart: a file picked to import cannot be overwritten, nor a save target read', () => {
    const grants = new PathGrants();
    const gate = grants.gate();
    grants.grant('/home/ann/log.csv', 'read');
    grants.grant('/home/ann/r.json', 'write');
    expect(() => gate.reportTarget('json', 'u1', '/home/ann/log.csv')).toThrow(InputError);
    expect(() => gate.readSource(path('/home/ann/r.json'))).toThrow(InputError);
  });

  it('compares resolved paths, so ../ spellings neither widen nor dodge a grant', () => {
    const grants = new PathGrants();
    grants.grant('/home/ann/data/log.csv', 'read');
    const gate = grants.gate();
    expect(gate.readSource(path('/home/ann/x/../data/log.csv'))).toBe('/home/ann/data/log.csv');
    expect(() => gate.readSource(path('/home/ann/data/log.csv/../../.ssh/id_rsa'))).toThrow(InputError);
    expect(() => gate.readSource(path('/home/ann/data'))).toThrow(InputError);
  });

  it('refuses uploads: they are the web host business', () => {
    const gate = new PathGrants().gate();
    expect(() => gate.readSource({ kind: 'upload', uploadId: 'x', name: 'log.csv' } as never)).toThrow(/Open dialog or dropped/);
  });

  it('remembers only the last 16 grants', () => {
    const grants = new PathGrants();
    for (let i = 0; i < 17; i++) grants.grant(`/tmp/f${i}.csv`, 'read');
    expect(grants.allows('/tmp/f0.csv', 'read')).toBe(false);
    expect(grants.allows('/tmp/f1.csv', 'read')).toBe(true);
    expect(grants.allows('/tmp/f16.csv', 'read')).toBe(true);
  });
});
