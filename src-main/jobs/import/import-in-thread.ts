import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { LogSummary } from '../../core/dataset/accumulator';
import { parseColumnsOption } from '../../core/dataset/columns';
import { ImportError } from '../../core/dataset/errors';
import { binaryProblem, detectFormat, FORMATS, type FormatName } from '../../core/dataset/sniff';
import type { Db } from '../../store/db';
import { findDatasetByHash, saveDataset, type DatasetRow } from '../../store/datasets';
import { ImportStaging } from '../../store/import-staging';
import { readLog } from './read-log';
import { readTitles } from './read-titles';
import { abortError, readSample } from './text-chunks';

export interface ImportOptions {
  file: string;
  name?: string;
  format?: FormatName | 'auto';
  /** `--columns user,item,rating,timestamp,_` */
  columns?: string;
  itemsFile?: string;
  /** The names to record when the files on disk are temporary copies (browser uploads). */
  sourceName?: string;
  itemsName?: string;
  skipBadRows?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  phase: 'checking' | 'reading' | 'titles' | 'saving';
  bytes: number;
  totalBytes: number;
}

export interface ImportResult {
  datasetId: number;
  name: string;
  format: string;
  users: number;
  items: number;
  events: number;
  skipped: Record<string, number>;
  skippedExamples: LogSummary['skippedExamples'];
  titles: number;
  /** True when this exact file (by content hash) was imported before: nothing was added. */
  alreadyImported: boolean;
  seconds: number;
}

/**
 * Reads a whole log into the store, on the calling thread (import-dataset.ts runs this in a
 * worker). Rows are validated as they are read and wait in a temporary table of this
 * connection (store/import-staging.ts), so memory stays bounded whatever the log's length; the
 * store itself changes in one write transaction at the end, so a bad line, a cancel or a crash
 * leaves it exactly as it was. `beforeCommit` runs inside that transaction, after the last
 * insert: if it throws, nothing is written.
 */
export async function importInThread(db: Db, opts: ImportOptions, beforeCommit?: () => void): Promise<ImportResult> {
  const started = performance.now();
  const { file } = opts;
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new ImportError(file, 0, 'not a file');
    size = st.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(file, 0, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const progress = (phase: ImportProgress['phase'], bytes: number) => opts.onProgress?.({ phase, bytes, totalBytes: size });
  if (size === 0) throw new ImportError(file, 1, 'the file is empty');

  progress('checking', 0);
  // stat can succeed on a file that cannot be read (no permission, a race with a delete).
  const hash = await hashFile(file, opts.signal).catch((e: unknown) => {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ImportError(file, 0, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  });
  const existing = findDatasetByHash(db, hash);
  if (existing) return resultOf(existing, existing.skipped, [], 0, true, started);

  const sample = await readSample(file);
  const binary = binaryProblem(sample.head);
  if (binary) throw new ImportError(file, 1, binary);
  if (sample.text.trim() === '') throw new ImportError(file, 1, 'the file is empty (only blank lines)');
  const format = !opts.format || opts.format === 'auto' ? detectFormat(sample.text, file) : opts.format;
  if (!FORMATS.includes(format)) throw new ImportError(file, 0, `unknown format "${format}" (one of auto, ${FORMATS.join(', ')})`);
  const columns = opts.columns ? parseColumnsOption(opts.columns) : undefined;

  // The rows wait in a temporary table of this connection until the one write transaction.
  const staging = new ImportStaging(db, { logBytes: size });
  try {
    const acc = await readLog(
      file,
      { format, columns, policy: opts.skipBadRows ? 'skip' : 'fail', signal: opts.signal, onBytes: (b) => progress('reading', b) },
      staging,
    );
    if (acc.rowsPassed === 0) {
      const skipped = acc.rowsSkipped;
      throw new ImportError(file, 1, skipped ? `nothing to import: all ${skipped} rows were skipped` : 'the file has a header but no rows');
    }

    let titles = new Map<string, string>();
    if (opts.itemsFile) {
      progress('titles', size);
      titles = (await readTitles(opts.itemsFile, new Set(acc.itemIds), { signal: opts.signal })).titles;
    }
    if (opts.signal?.aborted) throw abortError();

    progress('saving', size);
    const log = acc.finish(staging.duplicates());
    // Finding duplicates can take seconds on a large log: a cancel sent meanwhile counts.
    await new Promise((done) => setImmediate(done));
    if (opts.signal?.aborted) throw abortError();
    const save = () =>
      saveDataset(
        db,
        {
          name: opts.name ?? basename(opts.sourceName ?? file, extname(opts.sourceName ?? file)),
          sourceName: opts.sourceName ?? basename(file),
          sourceSize: size,
          sourceHash: hash,
          format,
          titlesName: opts.itemsFile ? (opts.itemsName ?? basename(opts.itemsFile)) : undefined,
        },
        { summary: log, writeEvents: (datasetId) => staging.copyInto(datasetId) },
        titles,
      );
    // saveDataset's own transaction nests inside this one (a savepoint), so the guard decides the commit.
    const row = beforeCommit
      ? db.transaction(() => {
          const saved = save();
          beforeCommit();
          return saved;
        })()
      : save();
    return resultOf(row, log.skipped as Record<string, number>, log.skippedExamples, titles.size, false, started);
  } finally {
    staging.dispose();
  }
}

function resultOf(
  row: DatasetRow,
  skipped: Record<string, number>,
  examples: LogSummary['skippedExamples'],
  titles: number,
  alreadyImported: boolean,
  started: number,
): ImportResult {
  return {
    datasetId: row.datasetId,
    name: row.name,
    format: row.format,
    users: row.users,
    items: row.items,
    events: row.events,
    skipped,
    skippedExamples: examples,
    titles,
    alreadyImported,
    seconds: (performance.now() - started) / 1000,
  };
}

async function hashFile(file: string, signal?: AbortSignal): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    if (signal?.aborted) throw abortError();
    h.update(chunk as Buffer);
  }
  return h.digest('hex');
}
