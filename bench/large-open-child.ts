// One process as an analyst's first look at a model of a large log: the user list, one user's
// timeline and an explanation, each timed from a fresh process (services opened cold, as the CLI
// or the app after a restart). Prints JSON. Args: DB MODEL_ID.
import { openCliServices } from '../src-main/hosts/cli/services';

const [dbPath, modelArg] = process.argv.slice(2);
const modelId = Number(modelArg);
const { services, close } = openCliServices(dbPath);
const time = async <T>(f: () => Promise<T> | T): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
};
const [users, listMs] = await time(() => services.dispatch('listUsers', { modelId, limit: 50, sort: 'events' }));
// A user of typical length (the list's 25th longest is still short on a log of 17 events a user).
const user = users.users[25].user;
const [weights, timelineMs] = await time(() => services.dispatch('timelineWeights', { modelId, user }));
const step = Math.max(0, weights.steps.length - 1);
const [, explainMs] = await time(() => services.dispatch('explainStep', { modelId, user, step, shapleyFor: 1 }));
const [, explainAgainMs] = await time(() => services.dispatch('explainStep', { modelId, user, step: Math.max(0, step - 1), shapleyFor: 1 }));
const [, listAgainMs] = await time(() => services.dispatch('listUsers', { modelId, limit: 50, offset: 50 }));
close();
process.stdout.write(JSON.stringify({ listMs, timelineMs, explainMs, explainAgainMs, listAgainMs, users: users.total, steps: weights.steps.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
