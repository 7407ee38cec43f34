import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const OWNER_ONLY_DIR = 0o700;
export const OWNER_ONLY_FILE = 0o600;

// Windows has no such modes: Node maps them to the read-only flag only, so nothing is done there.
const posix = process.platform !== 'win32';

/**
 * Creates a folder (and its missing parents) as 0700. mkdir's mode is filtered by the umask, so
 * each folder we created is chmod-ed too; a folder that already existed is the user's and is left
 * as it is (a --db in /tmp must not chmod /tmp).
 */
export function makePrivateDir(dir: string): void {
  const target = resolve(dir);
  const created = mkdirSync(target, { recursive: true, mode: OWNER_ONLY_DIR });
  if (!created || !posix) return;
  // `created` is the topmost folder made; every one from there down to `target` is ours.
  const top = resolve(created);
  for (let d = target; ; d = dirname(d)) {
    chmodSync(d, OWNER_ONLY_DIR);
    if (d === top || d === dirname(d)) break;
  }
}

/**
 * Makes sure the database file exists and is 0600 before SQLite opens it, since SQLite gives its
 * -wal and -shm files the database's own mode. An existing store is tightened as well: it holds
 * the same private data, whichever version of the workbench created it.
 */
export function makePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', OWNER_ONLY_FILE));
  tighten(file);
}

/** SQLite copies the database's mode to -wal and -shm; this checks it did, and fixes it if not. */
export function matchSidecarModes(file: string): void {
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) tighten(file + suffix);
  }
}

function tighten(path: string): void {
  if (!posix) return;
  const st = statSync(path);
  // Only our own files: chmod on another user's file fails, and the store is then theirs to guard.
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return;
  if ((st.mode & 0o777) !== OWNER_ONLY_FILE) chmodSync(path, OWNER_ONLY_FILE);
}
