import type { CliHost } from '../services';
import { serveUntilStopped } from '../../web/serve';
import { intOption, parseCommandArgs } from '../args';
import { UsageError, type Io } from '../output';

/** The app in a browser, on 127.0.0.1 only, until Ctrl+C. */
export async function serveCommand(argv: string[], host: CliHost, io: Io): Promise<void> {
  const { values } = parseCommandArgs(argv, { port: { type: 'string', default: '0' } });
  const port = intOption(values.port, 'port', 0);
  if (port < 0 || port > 65535) throw new UsageError('--port must be between 0 and 65535');
  // The web host opens the store and builds the same services itself (one serve routine).
  await serveUntilStopped({
    dbPath: host.dbPath,
    port,
    log: io.err,
    onListening: (web) => {
      io.out(io.json ? `${JSON.stringify({ url: web.url, port: web.port, token: web.token })}\n` : `${web.url}\n`);
      io.err('serving the workbench on 127.0.0.1 only; Ctrl+C stops it\n');
    },
  });
}
