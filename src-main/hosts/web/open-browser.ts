import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { WebHost } from './server';

/** The command that opens a URL in the user's browser, or undefined where none can. */
export function browserOpener(env: NodeJS.ProcessEnv = process.env, platform = process.platform): { cmd: string; args: (url: string) => string[] } | undefined {
  // RUM_BROWSER names the opener (a test records what it is given); only when it is set.
  if (env.RUM_BROWSER) return { cmd: env.RUM_BROWSER, args: (url) => [url] };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  const cmd = platform === 'darwin' ? 'open' : platform === 'win32' ? 'cmd' : 'xdg-open';
  if (spawnSync(platform === 'win32' ? 'where' : 'which', [cmd], { stdio: 'ignore' }).status !== 0) return undefined;
  return { cmd, args: (url) => (platform === 'win32' ? ['/c', 'start', '', url] : [url]) };
}

/**
 * Opens the app in the browser and prints a link for the user, each with its own one-time code.
 * The opener's command line is readable by every local user (/proc), so it never carries the
 * long-lived token: only a code that the browser spends at once, and that expires unspent.
 */
export function openSignedIn(host: WebHost, out: (s: string) => void, env: NodeJS.ProcessEnv = process.env): ChildProcess | undefined {
  const opener = browserOpener(env);
  let child: ChildProcess | undefined;
  if (opener) {
    child = spawn(opener.cmd, opener.args(host.signInUrl()), { stdio: 'ignore', detached: true });
    child.on('error', () => out('could not start the browser: open the link above yourself\n'));
    child.unref();
  }
  out(`Open: ${host.signInUrl()}\n(the link works once, within 2 minutes)\n`);
  return child;
}
