import type { Db } from '../../store/db';
import { openDb } from '../../store/db';
import { ensureRendererBuilt } from './renderer-build';
import { startWebHost, type WebHost } from './server';

export interface ServeOptions {
  dbPath: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** Where progress lines (the renderer build) go. */
  log: (s: string) => void;
  /** Called once the host listens: print its link; what it returns runs when the host stops. */
  onListening: (host: WebHost) => (() => void) | void;
}

/**
 * The one serve routine of `rum-workbench serve` and `npm start` without Electron: build the
 * renderer if needed, open the store, start the browser host, and run until Ctrl+C or SIGTERM,
 * then close the host before the store (a request in flight may still read it).
 */
export async function serveUntilStopped(opts: ServeOptions): Promise<void> {
  const staticDir = await ensureRendererBuilt(opts.log);
  const db: Db = openDb(opts.dbPath);
  try {
    const host = await startWebHost({ db, dbPath: opts.dbPath, port: opts.port, staticDir });
    const stopped = opts.onListening(host);
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    stopped?.();
    await host.close();
  } finally {
    db.close();
  }
}
