/** A request the user can fix (a bad setting, an unknown id): exit code 2 on the CLI, a 400 on the web. */
export class InputError extends Error {
  override name = 'InputError';
}
