/** The newest mtime (ms) of the bundle's inputs under root. */
export function newestSourceMtime(root: string): number;
/** dist/cli/<version>/main.mjs under root when it was built from the sources as they are now, else null. */
export function freshBundle(root: string): string | null;
