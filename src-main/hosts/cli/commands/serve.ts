import type { Db } from '../../../store/db';
import { defaultDbPath } from '../../data-dir';
import { serveUntilStopped } from '../../web/serve';
import { intOption, parseCommandArgs } from '../args';
import { UsageError, type Io } from '../output';

/** The app in a browser, on 127.0.0.1 only, until Ctrl+C. */
export async function serveCommand(argv: string[], _db: () => Db, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { port: { type: 'string', default: '0' } });
  const port = intOption(values.port, 'port', 0);
  if (port < 0 || port > 65535) throw new UsageError('--port must be between 0 and 65535');
  const dbPath = values.db ?? defaultDbPath();
  await serveUntilStopped({
    dbPath,
    port,
    log: io.err,
    onListening: (host) => {
      io.out(io.json ? `${JSON.stringify({ url: host.url, port: host.port, token: host.token })}\n` : `${host.url}\n`);
      io.err('serving the workbench on 127.0.0.1 only; Ctrl+C stops it\n');
    },
  });
}
