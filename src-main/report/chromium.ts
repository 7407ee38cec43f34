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

/** Headless Chromium as this machine runs it: no sandbox as root, no background network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
