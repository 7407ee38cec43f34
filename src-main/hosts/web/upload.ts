import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadTooLarge extends Error {
  readonly status = 413;
  constructor(limit: number) {
    super(`file too large: uploads are limited to ${limit} bytes`);
  }
}

/**
 * Streams a request body to `file`, counting the bytes as they arrive: a declared length is
 * only a claim, and a chunked body declares none. Over the limit, the partial file is deleted
 * and UploadTooLarge is thrown.
 */
export async function receiveUpload(req: IncomingMessage, file: string, limit: number): Promise<number> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new UploadTooLarge(limit);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, next) {
      bytes += chunk.length;
      next(bytes > limit ? new UploadTooLarge(limit) : null, chunk);
    },
  });
  // Not pipeline(req, ...): it would destroy the socket on the error, and the client would never
  // read the 413 that says why.
  req.pipe(counter);
  const abort = (e?: Error) => counter.destroy(e ?? new Error('the upload was interrupted'));
  req.once('error', abort);
  req.once('close', () => {
    if (!req.complete) abort();
  });
  try {
    // 0600: an upload is the user's data, in a folder only the user may enter anyway.
    await pipeline(counter, createWriteStream(file, { mode: 0o600 }));
    return bytes;
  } catch (e) {
    req.unpipe(counter);
    rmSync(file, { force: true });
    throw e;
  }
}
