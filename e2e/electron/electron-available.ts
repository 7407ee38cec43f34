// Whether the Electron e2e specs can run: they need the Electron binary, which the `electron`
// package downloads at install time, and which this development machine cannot download.
import { electronBinary as findElectron } from '../../src-main/hosts/start';

const found = findElectron();

/** The Electron executable, or undefined when it is not installed. */
export function electronBinary(): string | undefined {
  return found.path;
}

/** Why the specs cannot run, or undefined when they can. */
export function electronMissingReason(): string | undefined {
  return found.path ? undefined : (found.why ?? 'the Electron binary is not installed');
}
