import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The system's Chromium (Playwright never downloads its own here), or RUM_CHROMIUM_PATH. */
export function chromiumPath(): string {
  const fromEnv = process.env.RUM_CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`RUM_CHROMIUM_PATH points to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('PDF reports need Chromium: install it (Debian: apt-get install -y chromium) or set RUM_CHROMIUM_PATH');
  return found;
}

const QUIET = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Chromium's switches for a process running as `uid`. The sandbox stays on for everyone but
 * root: Chromium refuses to start sandboxed as root (containers, CI), and only there is giving it
 * up the price of printing at all. undefined (Windows has no uids) keeps the sandbox.
 */
export function chromiumArgs(uid: number | undefined): string[] {
  return uid === 0 ? ['--no-sandbox', ...QUIET] : QUIET;
}

/** Headless Chromium with no background network, sandboxed unless running as root. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  const args = chromiumArgs(process.getuid?.());
  try {
    return await chromium.launch({ executablePath, headless: true, args });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    // A user account where the kernel denies the sandbox user namespaces: say what to change
    // rather than quietly printing without the sandbox.
    if (!args.includes('--no-sandbox') && /sandbox/i.test(why)) {
      throw new Error(`Chromium (${executablePath}) could not start its sandbox, so no PDF was printed: allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or print from the desktop app. ${why.split('\n')[0]}`);
    }
    throw e;
  }
}
