// Reports built off the caller's thread: a worker loads the model on its own connection and
// explains every step; progress arrives per step; the file equals the one built in-thread; a
// PDF is printed by the caller (Electron's printToPDF lives in its main process); a cancel
// writes no file; errors keep their class.
import { subscribe } from 'node:diagnostics_channel';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId, type Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileWith, tmpDir } from '../../test/helpers';
import { InputError } from '../core/errors';
import { loadModel } from '../engine/loaded-model';
import { importDataset } from '../jobs/import/import-dataset';
import { trainJob } from '../jobs/train/train-job';
import { printWithChromium, reportBytes } from '../report/write-report';
import { openDb, type Db } from '../store/db';
import { writeReportInWorker } from './report-in-worker';

const USER = 'u0';
const PURCHASES = 40;
const started: Worker[] = [];
subscribe('worker_threads', (m) => started.push((m as { worker: Worker }).worker));
afterEach(() => {
  started.length = 0;
});

let dir: string;
let db: Db;
let modelId: number;

// One store and model for the whole file (tmpDb()'s go after each test).
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rum-test-report-'));
  db = openDb(join(dir, 'store.db'));
  const rows = ['user,item,time'];
  for (let u = 0; u < 30; u++) for (let k = 0; k < PURCHASES; k++) rows.push(`u${u},i${(u * 3 + k * 7) % 25},${1_600_000_000 + u * 1000 + k * 86_400}`);
  const { datasetId } = await importDataset(db, { file: fileWith('log.csv', rows.join('\n')) });
  modelId = (await trainJob(db, { datasetId, config: { slots: 5, dim: 8, epochs: 2 } })).model.modelId;
  started.length = 0;
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A report's JSON without its generation time, which differs between two builds. */
const content = (bytes: Buffer | string) => ({ ...JSON.parse(bytes.toString()), generatedAt: undefined });

describe('writeReportInWorker', () => {
  it('builds in a worker thread, relaying a progress event per step, the same report as on this thread', async () => {
    const out = join(tmpDir(), 'r.json');
    const steps: [number, number][] = [];
    const bytes = await writeReportInWorker(db, { modelId, user: USER, format: 'json', out, onStep: (done, total) => steps.push([done, total]) });
    expect(started).toHaveLength(1);
    expect(started[0].threadId).not.toBe(threadId);
    const total = PURCHASES + 1;
    expect(steps).toEqual(Array.from({ length: total }, (_, k) => [k + 1, total]));
    const written = readFileSync(out);
    expect(written.length).toBe(bytes);
    // The worker names the dataset from its own connection to the store.
    expect(content(written)).toEqual(content(await reportBytes(loadModel(db, modelId), USER, 'json', { datasetName: 'log' })));
  });

  it('a PDF: the worker builds the HTML, the caller prints it with the printer it was given', async () => {
    const out = join(tmpDir(), 'r.pdf');
    const printedOn: number[] = [];
    const bytes = await writeReportInWorker(db, {
      modelId,
      user: USER,
      format: 'pdf',
      out,
      printPdf: (html) => {
        printedOn.push(threadId);
        expect(html).toContain('<!DOCTYPE html>');
        return printWithChromium(html);
      },
    });
    expect(printedOn).toEqual([threadId]);
    expect(started).toHaveLength(1);
    const pdf = readFileSync(out);
    expect(pdf.length).toBe(bytes);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a cancel writes no file', async () => {
    const out = join(tmpDir(), 'cancelled.html');
    const ac = new AbortController();
    const done = writeReportInWorker(db, { modelId, user: USER, format: 'html', out, signal: ac.signal });
    // Before the worker's first step: the cancel word is set before it could commit.
    ac.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError', message: 'report cancelled' });
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown user or model arrives as an InputError', async () => {
    const out = join(tmpDir(), 'x.csv');
    await expect(writeReportInWorker(db, { modelId, user: 'nobody', format: 'csv', out })).rejects.toBeInstanceOf(InputError);
    await expect(writeReportInWorker(db, { modelId: 999, user: USER, format: 'csv', out })).rejects.toThrow(new InputError('no model 999 (train one with: rum-workbench train --dataset ID)'));
    expect(existsSync(out)).toBe(false);
  });
});
