import type { JobApi } from '../../api/await-job';
import { createServices, type FileGate } from '../../api/services';
import { InputError } from '../../core/errors';
import { JobManager } from '../../jobs/job-manager';
import { openDb } from '../../store/db';

/**
 * On the command line the user names every path themselves, on a machine that is theirs: the
 * importer reads the file they named (and says so when it cannot), and a report goes where
 * --out says. Nothing arrives by upload.
 */
const cliFiles: FileGate = {
  readSource(source) {
    if (source.kind !== 'path') throw new InputError('the command line reads files by path, not uploads');
    return source.path;
  },
  reportTarget(_format, _user, path) {
    if (path === undefined) throw new InputError('a report needs --out FILE');
    return path;
  },
};

/** The services every command calls, the same ones as the app's, over the store at dbPath. */
export interface CliServices extends JobApi {
  dispatch: ReturnType<typeof createServices>;
}

/**
 * What a command gets: the store's path, and the app's own services over it, built on first
 * use, so a command that fails on its flags never opens the store.
 */
export interface CliHost {
  dbPath: string;
  services: () => CliServices;
}

/** Opens the store and builds the services on it; close() closes the store. */
export function openCliServices(dbPath: string): { services: CliServices; close: () => void } {
  const db = openDb(dbPath);
  const jobs = new JobManager();
  const dispatch = createServices({ db, jobs, dbPath, files: cliFiles, host: 'cli' });
  return { services: { dispatch, onEvent: (l) => jobs.onEvent(l) }, close: () => db.close() };
}
