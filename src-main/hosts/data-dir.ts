import { homedir } from 'node:os';
import { join } from 'node:path';

/** The app's own data folder, where the store lives unless --db or RUM_WORKBENCH_DB says otherwise. */
export function appDataDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'rum-workbench');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'rum-workbench');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'rum-workbench');
}

export function defaultDbPath(): string {
  return process.env.RUM_WORKBENCH_DB || join(appDataDir(), 'workbench.db');
}
