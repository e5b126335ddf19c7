/**
 * Finds a Chromium-family browser for the tests that drive one through playwright-core
 * (properties/report/html.test.ts), in this order:
 *
 * 1. `$LOSSPROOF_CHROMIUM`: a path to the executable. When it is set it is the only candidate, and a
 *    path that is not an executable file is an error naming the variable and the path;
 * 2. the common install paths of the platform (`candidatePaths`): Debian's and Ubuntu's Chromium,
 *    Google Chrome, the snap; the .app bundles on macOS; Program Files on Windows;
 * 3. playwright-core's channels (`CHANNELS`): an installed Google Chrome or Microsoft Edge where
 *    Playwright looks for them, then Playwright's own download (`npx playwright install chromium`).
 *
 * `launchBrowser` returns `{ browser: undefined, tried }` when none is found: the caller decides
 * whether that fails (CI) or skips (`SKIP_MESSAGE`). A browser that is found but does not start is
 * an error, not a skip.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

/** The environment variable that names the browser executable. */
export const BROWSER_ENV = 'LOSSPROOF_CHROMIUM';

/** playwright-core channels tried after the common paths, in order. */
export const CHANNELS = ['chrome', 'msedge', 'chromium'] as const;

/** Why a browser test is skipped, and what to set to run it. */
export const SKIP_MESSAGE = `skipped: no Chromium/Chrome found; set ${BROWSER_ENV}=/path/to/chrome`;

type Env = Readonly<Record<string, string | undefined>>;

/** True when `CI` is set to anything but '', 'false' or '0' (GitHub Actions and .ci/run set CI=true). */
export function isCI(env: Env = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

/** The common install paths of a Chromium-family browser on `platform`, most specific first. */
export function candidatePaths(platform: NodeJS.Platform = process.platform, env: Env = process.env): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
    const home = env.HOME;
    return [
      ...apps.map((a) => posix.join('/Applications', a)),
      ...(home === undefined || home === '' ? [] : apps.map((a) => posix.join(home, 'Applications', a))),
    ];
  }
  if (platform === 'win32') {
    const roots = [
      env.PROGRAMFILES ?? env.ProgramFiles ?? 'C:\\Program Files',
      env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)',
      env.LOCALAPPDATA,
    ].filter((r): r is string => r !== undefined && r !== '');
    const exes = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
    ];
    return exes.flatMap((parts) => roots.map((root) => win32.join(root, ...parts)));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ];
}

/** A regular file this process may execute. */
export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface FindOptions {
  env?: Env;
  platform?: NodeJS.Platform;
  isExecutable?: (path: string) => boolean;
}

/** An executable found without launching anything, and where it came from. */
export interface FoundExecutable {
  executablePath: string;
  from: typeof BROWSER_ENV | 'common path';
}

/**
 * `$LOSSPROOF_CHROMIUM`, else the first common path that is an executable file, else undefined.
 * Throws when the variable is set to something that is not an executable file.
 */
export function findBrowserExecutable(opts: FindOptions = {}): FoundExecutable | undefined {
  const env = opts.env ?? process.env;
  const isExecutable = opts.isExecutable ?? isExecutableFile;
  const fromEnv = env[BROWSER_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isExecutable(fromEnv)) {
      throw new Error(
        `${BROWSER_ENV}=${fromEnv} is not an executable file: set ${BROWSER_ENV} to the path of a Chromium or Chrome executable, or unset it`,
      );
    }
    return { executablePath: fromEnv, from: BROWSER_ENV };
  }
  const path = candidatePaths(opts.platform, env).find((p) => isExecutable(p));
  return path === undefined ? undefined : { executablePath: path, from: 'common path' };
}

/** True for playwright-core's "this channel / executable is not installed" launch errors. */
export function isNotInstalledError(e: unknown): boolean {
  const message = e instanceof Error ? e.message : String(e);
  return /is not found at|executable doesn't exist/i.test(message);
}

export interface LaunchBrowserOptions extends FindOptions {
  /** Launches a browser (playwright-core's `chromium.launch` by default; the unit tests pass a fake). */
  launch?: (options: LaunchOptions) => Promise<Browser>;
}

/** A launched browser and how it was found, or every place looked at (in order) when none was. */
export type LaunchResult = { browser: Browser; how: string } | { browser: undefined; tried: string[] };

/** Launches the first browser found (see the module comment), or reports where it looked. */
export async function launchBrowser(args: string[], opts: LaunchBrowserOptions = {}): Promise<LaunchResult> {
  const launch = opts.launch ?? ((o: LaunchOptions) => chromium.launch(o));
  const found = findBrowserExecutable(opts);
  if (found !== undefined) {
    const browser = await launch({ executablePath: found.executablePath, args });
    return { browser, how: `${found.executablePath} (${found.from})` };
  }
  const tried = candidatePaths(opts.platform, opts.env ?? process.env);
  for (const channel of CHANNELS) {
    try {
      const browser = await launch({ channel, args });
      return { browser, how: `playwright-core channel '${channel}'` };
    } catch (e) {
      if (!isNotInstalledError(e)) throw e;
      tried.push(`channel '${channel}'`);
    }
  }
  return { browser: undefined, tried };
}
