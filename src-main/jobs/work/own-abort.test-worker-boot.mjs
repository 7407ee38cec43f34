// Entry of own-abort.test-worker.ts from the sources (a worker does not inherit tsx).
import { register } from 'tsx/esm/api';

register();
await import('./own-abort.test-worker.ts');
