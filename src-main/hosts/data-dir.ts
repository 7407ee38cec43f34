import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * $XDG_DATA_HOME as the XDG Base Directory spec reads it: unset, empty, or a relative path all
 * mean ~/.local/share (an empty one used to put the store in the working folder).
 */
export function xdgDataHome(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const v = env.XDG_DATA_HOME;
  return v && isAbsolute(v) ? v : join(home, '.local', 'share');
}

/** The app's own data folder, where the store lives unless --db or RUM_WORKBENCH_DB says otherwise. */
export function appDataDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA || join(home, 'AppData', 'Roaming'), 'rum-workbench');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'rum-workbench');
  return join(xdgDataHome(process.env, home), 'rum-workbench');
}

export function defaultDbPath(): string {
  return process.env.RUM_WORKBENCH_DB || join(appDataDir(), 'workbench.db');
}
