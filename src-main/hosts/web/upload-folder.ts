import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { receiveUpload } from './upload';

/** An upload no import has claimed within this time is taken as abandoned and deleted. */
export const ABANDONED_MS = 60 * 60_000;
/** Uploads waiting for their import at once; a page uploads one or two per import. */
export const MAX_WAITING = 32;

class TooManyUploads extends Error {
  readonly status = 429;
  constructor() {
    super(`${MAX_WAITING} uploads are already waiting for their import: import or reload, then upload again`);
  }
}

/**
 * The host's uploads: bounded in size (as they stream), in number, and in lifetime. An upload
 * lives until its import ends, or until nobody claimed it for an hour, or until the host stops.
 */
export class UploadFolder {
  private readonly claimed = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  async receive(req: IncomingMessage): Promise<string> {
    this.sweep();
    if (readdirSync(this.dir).length >= MAX_WAITING) throw new TooManyUploads();
    const id = randomBytes(16).toString('hex');
    await receiveUpload(req, join(this.dir, id), this.maxBytes);
    return id;
  }

  /** The file of an upload an import is about to read; it is kept until release(). */
  claim(id: string): string | undefined {
    const file = join(this.dir, id);
    if (!existsSync(file)) return undefined;
    this.claimed.add(id);
    return file;
  }

  release(id: string): void {
    this.claimed.delete(id);
    rmSync(join(this.dir, id), { force: true });
  }

  private sweep(): void {
    const old = Date.now() - ABANDONED_MS;
    for (const id of readdirSync(this.dir)) {
      if (this.claimed.has(id)) continue;
      try {
        if (statSync(join(this.dir, id)).mtimeMs < old) rmSync(join(this.dir, id), { force: true });
      } catch {
        /* gone meanwhile */
      }
    }
  }
}
