// Whether dist/cli/ was built from the sources as they are now. A stat of every file under
// src-main/ is cheap next to a Node start (measured by `npm run bench -- cli`), and far cheaper
// than hashing them; a deleted or renamed file shows in its folder's mtime. Tests are skipped:
// the bundle holds none, and a developer editing only tests should keep the fast start.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files outside src-main/ that change what the bundle holds. */
const ALSO = ['scripts/build-cli.mjs'];

/** The newest mtime (ms) of the bundle's inputs under ROOT. */
export function newestSourceMtime(root) {
  let newest = 0;
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!/\.test(-d)?\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src-main'));
  for (const file of ALSO) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/**
 * The bundle's entry file (in the version folder dist/cli/stamp.json names) when that bundle is
 * at least as new as its inputs, else
 * null (no bundle yet, or a source changed since: the caller runs the sources instead).
 */
export function freshBundle(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'stamp.json'), 'utf8'));
  } catch {
    return null;
  }
  if (typeof stamp?.sourcesMtimeMs !== 'number' || typeof stamp.version !== 'string') return null;
  return newestSourceMtime(root) <= stamp.sourcesMtimeMs ? join(root, 'dist', 'cli', stamp.version, 'main.mjs') : null;
}
