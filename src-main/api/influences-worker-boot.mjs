// Entry of the influence-map worker when running from the TypeScript sources: a worker does not
// inherit the parent's tsx loader, so it registers its own.
import { register } from 'tsx/esm/api';

register();
await import('./influences-worker.ts');
