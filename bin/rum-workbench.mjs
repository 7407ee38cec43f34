#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so `npm install` is the whole
// build. Worker threads it starts are given the same loader (see jobs/worker).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/hosts/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
