/** dist/cli/ in this repo. */
export const CLI_DIR: string;
/** Bundles the CLI and its workers into a new version folder under outDir (default CLI_DIR, inside the repo) named by outDir/stamp.json; returns that folder. */
export function buildCli(outDir?: string): Promise<string>;
