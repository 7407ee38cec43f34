// A worker for run-worker.test.ts only: it notices a cancel itself, between awaits, and throws
// its own AbortError in its own words, as the importer's reader does ("cancelled").
import { serveWork } from './serve-work';

serveWork<Record<string, never>, string, never>('save', async (_input, ctx) => {
  ctx.progress('waiting for a cancel');
  await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
  throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
});
