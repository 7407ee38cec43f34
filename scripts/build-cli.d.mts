/** dist/cli/ in this repo. */
export const CLI_DIR: string;
/** Bundles the CLI and its workers into outDir (default CLI_DIR, must lie inside the repo); returns outDir. */
export function buildCli(outDir?: string): Promise<string>;
