#!/usr/bin/env node
// `npm start`: opens the workbench on the user's store; on a fresh store it first imports the
// bundled demo dataset so there is something to look at.
import { register } from 'tsx/esm/api';

register();
const { start } = await import('../src-main/hosts/start.ts');
process.exitCode = await start(process.argv.slice(2));
