import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JobEvent } from '../../api/contract';

/** The job events' server-sent-event stream, to a bounded number of listeners. */
export class EventStreams {
  private readonly clients = new Set<ServerResponse>();

  constructor(private readonly max: number) {}

  /** False (and nothing sent) when the stream is full. */
  add(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.clients.size >= this.max) return false;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
    return true;
  }

  send(e: JobEvent): void {
    const line = `data: ${JSON.stringify(e)}\n\n`;
    for (const c of this.clients) c.write(line);
  }

  closeAll(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
