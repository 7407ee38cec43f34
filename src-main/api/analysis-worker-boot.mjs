// Entry of the model-analysis worker when running from the TypeScript sources: a worker does not
// inherit the parent's tsx loader, so it registers its own.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
