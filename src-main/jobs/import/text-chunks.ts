import { createReadStream } from 'node:fs';
import { ImportError } from '../../core/dataset/errors';
import { LineEndNormaliser } from '../../core/dataset/line-ends';
import { binaryProblem } from '../../core/dataset/sniff';

export interface ReadProgress {
  bytes: number;
  totalBytes: number;
}

export interface TextChunkOptions {
  encoding?: 'utf-8' | 'latin1';
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
}

const CHUNK = 1 << 20;

/**
 * Streams a file as decoded text, 1 MiB at a time, so a log is never held in memory whole.
 * Binary and compressed files are refused on their first bytes, and invalid UTF-8 is refused
 * with the line it is on (a mis-encoded log would otherwise import as mangled ids).
 */
export async function* textChunks(file: string, options: TextChunkOptions = {}): AsyncGenerator<string> {
  const encoding = options.encoding ?? 'utf-8';
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  let bytes = 0;
  let newlines = 0;
  let afterCr = false;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
    const buf = chunk as Buffer;
    if (options.signal?.aborted) throw abortError();
    if (bytes === 0) {
      const problem = binaryProblem(buf);
      if (problem) throw new ImportError(file, 1, problem);
    }
    let text: string;
    try {
      text = decoder.decode(buf, { stream: true });
    } catch {
      const at = firstInvalidUtf8(buf);
      throw new NotUtf8Error(
        file,
        newlines + countLineEnds(buf, at, afterCr) + 1,
        `this is not UTF-8 text (invalid byte 0x${buf[at]?.toString(16) ?? '??'}); re-save the file as UTF-8`,
      );
    }
    newlines += countLineEnds(buf, buf.length, afterCr);
    afterCr = buf[buf.length - 1] === 13;
    bytes += buf.length;
    options.onBytes?.(bytes);
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    // The file ends inside a multi-byte character: the cut-off bytes are on the last line.
    throw new NotUtf8Error(file, newlines + 1, 'the file ends in the middle of a UTF-8 character (cut off?); re-save the file as UTF-8');
  }
  if (rest) yield rest;
}

/** textChunks with every line ending turned into LF, so that all readers count lines alike. */
export async function* lfTextChunks(file: string, options: TextChunkOptions = {}): AsyncGenerator<string> {
  const lineEnds = new LineEndNormaliser();
  for await (const text of textChunks(file, options)) {
    const lf = lineEnds.push(text);
    if (lf) yield lf;
  }
}

/** Kept apart so that a titles file can fall back to ISO-8859-1 (MovieLens u.item). */
export class NotUtf8Error extends ImportError {}

export function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

/** Line ends in buf[0, end) as LineEndNormaliser sees them: CR, LF, and CRLF as one. */
function countLineEnds(buf: Buffer, end: number, afterCr: boolean): number {
  let n = afterCr && end > 0 && buf[0] === 10 ? -1 : 0; // that LF ends the previous chunk's CR
  for (let i = buf.indexOf(10); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) n++;
  for (let i = buf.indexOf(13); i !== -1 && i < end; i = buf.indexOf(13, i + 1)) if (i + 1 >= end || buf[i + 1] !== 10) n++;
  return n;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (or buf.length). */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    if (i + len > buf.length) return buf.length; // cut off at the chunk's end: not this chunk's fault
    for (let k = 1; k < len; k++) if ((buf[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return buf.length;
}

/** The first bytes of a file decoded leniently, for format detection. */
export async function readSample(file: string, bytes = 64 * 1024): Promise<{ text: string; head: Uint8Array }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of createReadStream(file, { start: 0, end: bytes - 1 })) {
    chunks.push(c as Buffer);
    total += (c as Buffer).length;
  }
  const head = Buffer.concat(chunks, total);
  return { text: new TextDecoder('utf-8').decode(head), head };
}
