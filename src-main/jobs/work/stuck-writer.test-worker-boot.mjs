// Entry of stuck-writer.test-worker.ts from the sources (a worker does not inherit tsx).
import { register } from 'tsx/esm/api';

register();
await import('./stuck-writer.test-worker.ts');
