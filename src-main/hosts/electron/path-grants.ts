// The short list of paths the desktop app may touch. A path is a capability: if the page could
// name one, a script injected into it could read any file into the store or overwrite any file
// the user can write. So main adds a path here only when the user chose it in main's own
// dialog, or dropped that very file on the window (the preload reports it; the page cannot
// forge a dropped File's path), and services accept nothing else (api/services.ts FileGate).
import { resolve } from 'node:path';
import { InputError } from '../../core/errors';
import type { FileGate } from '../../api/services';

export type PathUse = 'read' | 'write';

/** Grants are few and short-lived: the last few picks only. */
const MAX_GRANTS = 16;

export class PathGrants {
  private readonly grants = new Map<string, PathUse>();

  grant(path: string, use: PathUse): void {
    const key = resolve(path);
    this.grants.delete(key);
    this.grants.set(key, use);
    while (this.grants.size > MAX_GRANTS) this.grants.delete(this.grants.keys().next().value!);
  }

  allows(path: string, use: PathUse): boolean {
    return this.grants.get(resolve(path)) === use;
  }

  /** The services' file gate: granted paths only, and no uploads (the web host's business). */
  gate(): FileGate {
    return {
      readSource: (source) => {
        if (source.kind !== 'path') throw new InputError('the desktop app imports files chosen in its Open dialog or dropped on the window');
        if (!this.allows(source.path, 'read')) throw new InputError(`${source.path} was not chosen in the Open dialog or dropped on the window: open it from there`);
        return resolve(source.path);
      },
      reportTarget: (_format, _user, path) => {
        if (path === undefined || !this.allows(path, 'write')) throw new InputError('in the desktop app the Save dialog chooses where a report goes');
        return resolve(path);
      },
    };
  }
}
