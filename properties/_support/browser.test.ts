/**
 * The browser discovery of browser.ts: the order of the candidates, $LOSSPROOF_CHROMIUM first and
 * alone, a clear error for a bad value, channels tried after the paths. Nothing here starts a
 * browser: `launch` and `isExecutable` are fakes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, LaunchOptions } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  BROWSER_ENV,
  CHANNELS,
  candidatePaths,
  findBrowserExecutable,
  isCI,
  isExecutableFile,
  isNotInstalledError,
  launchBrowser,
  SKIP_MESSAGE,
} from './browser.ts';

const FAKE_BROWSER = { fake: true } as unknown as Browser;
const notInstalled = (o: LaunchOptions) =>
  new Error(`browserType.launch: Chromium distribution '${o.channel}' is not found at /opt/${o.channel}`);

describe('candidatePaths', () => {
  test('Linux: Debian/Ubuntu Chromium, then Google Chrome, then the snap', () => {
    expect(candidatePaths('linux', {})).toEqual([
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
    ]);
  });
  test('macOS: Google Chrome then Chromium in /Applications, then in ~/Applications', () => {
    expect(candidatePaths('darwin', { HOME: '/Users/a' })).toEqual([
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Users/a/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/a/Applications/Chromium.app/Contents/MacOS/Chromium',
    ]);
  });
  test('Windows: Chrome under Program Files, Program Files (x86), LocalAppData, then Chromium', () => {
    expect(candidatePaths('win32', { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' })).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Chromium\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Chromium\\Application\\chrome.exe',
      'C:\\Users\\a\\AppData\\Local\\Chromium\\Application\\chrome.exe',
    ]);
    expect(candidatePaths('win32', { PROGRAMFILES: 'D:\\PF' })[0]).toBe(
      'D:\\PF\\Google\\Chrome\\Application\\chrome.exe',
    );
  });
});

describe('findBrowserExecutable', () => {
  test(`${BROWSER_ENV} comes first, even when a common path exists`, () => {
    const found = findBrowserExecutable({
      env: { [BROWSER_ENV]: '/opt/my/chrome' },
      platform: 'linux',
      isExecutable: () => true,
    });
    expect(found).toEqual({ executablePath: '/opt/my/chrome', from: BROWSER_ENV });
  });
  test(`${BROWSER_ENV} set to a path that is not executable is an error naming the variable and the path`, () => {
    const look = () =>
      findBrowserExecutable({
        env: { [BROWSER_ENV]: '/no/such/chrome' },
        platform: 'linux',
        // A common path exists: the bad variable must not silently fall back to it.
        isExecutable: (p) => p === '/usr/bin/chromium',
      });
    expect(look).toThrow(`${BROWSER_ENV}=/no/such/chrome is not an executable file`);
  });
  test(`an empty ${BROWSER_ENV} counts as unset`, () => {
    const found = findBrowserExecutable({ env: { [BROWSER_ENV]: '' }, platform: 'linux', isExecutable: () => true });
    expect(found).toEqual({ executablePath: '/usr/bin/chromium', from: 'common path' });
  });
  test('the first common path that is executable, in candidate order', () => {
    const seen: string[] = [];
    const found = findBrowserExecutable({
      env: {},
      platform: 'linux',
      isExecutable: (p) => {
        seen.push(p);
        return p === '/usr/bin/google-chrome' || p === '/snap/bin/chromium';
      },
    });
    expect(found).toEqual({ executablePath: '/usr/bin/google-chrome', from: 'common path' });
    expect(seen).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']);
  });
  test('nothing found: undefined', () => {
    expect(findBrowserExecutable({ env: {}, platform: 'linux', isExecutable: () => false })).toBeUndefined();
  });
});

describe('isExecutableFile', () => {
  test('a directory, a missing path and a file without the x bit are not executables; a script with it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lossproof-browser-'));
    const plain = join(dir, 'plain');
    const script = join(dir, 'script');
    writeFileSync(plain, '', { mode: 0o644 });
    writeFileSync(script, '#!/bin/sh\n', { mode: 0o755 });
    expect(isExecutableFile(dir)).toBe(false);
    expect(isExecutableFile(join(dir, 'missing'))).toBe(false);
    expect(isExecutableFile(script)).toBe(true);
    // X_OK needs an x bit even for root.
    if (process.platform !== 'win32') expect(isExecutableFile(plain)).toBe(false);
  });
});

describe('launchBrowser', () => {
  test('a found executable is launched with the arguments given', async () => {
    const calls: LaunchOptions[] = [];
    const r = await launchBrowser(['--headless'], {
      env: { [BROWSER_ENV]: '/opt/my/chrome' },
      isExecutable: () => true,
      launch: async (o) => {
        calls.push(o);
        return FAKE_BROWSER;
      },
    });
    expect(r).toEqual({ browser: FAKE_BROWSER, how: `/opt/my/chrome (${BROWSER_ENV})` });
    expect(calls).toEqual([{ executablePath: '/opt/my/chrome', args: ['--headless'] }]);
  });
  test(`a bad ${BROWSER_ENV} rejects before anything is launched`, async () => {
    let launched = false;
    await expect(
      launchBrowser([], {
        env: { [BROWSER_ENV]: '/no/such/chrome' },
        isExecutable: () => false,
        launch: async () => {
          launched = true;
          return FAKE_BROWSER;
        },
      }),
    ).rejects.toThrow(`${BROWSER_ENV}=/no/such/chrome`);
    expect(launched).toBe(false);
  });
  test('no path: the channels chrome, msedge, chromium in that order; the first that launches wins', async () => {
    const channels: (string | undefined)[] = [];
    const r = await launchBrowser([], {
      env: {},
      platform: 'linux',
      isExecutable: () => false,
      launch: async (o) => {
        channels.push(o.channel);
        if (o.channel !== 'msedge') throw notInstalled(o);
        return FAKE_BROWSER;
      },
    });
    expect(channels).toEqual(['chrome', 'msedge']);
    expect(r).toEqual({ browser: FAKE_BROWSER, how: "playwright-core channel 'msedge'" });
  });
  test('nothing anywhere: no browser, and the list of every place looked at', async () => {
    const r = await launchBrowser([], {
      env: {},
      platform: 'linux',
      isExecutable: () => false,
      launch: async (o) => {
        throw notInstalled(o);
      },
    });
    expect(r.browser).toBeUndefined();
    expect(r).toEqual({
      browser: undefined,
      tried: [...candidatePaths('linux', {}), ...CHANNELS.map((c) => `channel '${c}'`)],
    });
  });
  test('a browser that is found but fails to start is an error, not "not found"', async () => {
    await expect(
      launchBrowser([], {
        env: {},
        isExecutable: () => false,
        launch: async () => {
          throw new Error('browserType.launch: Target page, context or browser has been closed');
        },
      }),
    ).rejects.toThrow('has been closed');
  });
});

describe('messages and CI', () => {
  test('the skip message names the variable to set', () => {
    expect(SKIP_MESSAGE).toBe('skipped: no Chromium/Chrome found; set LOSSPROOF_CHROMIUM=/path/to/chrome');
  });
  test("playwright-core's not-installed errors are recognised", () => {
    expect(isNotInstalledError(notInstalled({ channel: 'chrome' }))).toBe(true);
    expect(isNotInstalledError(new Error("browserType.launch: Executable doesn't exist at /root/.cache/x"))).toBe(true);
    expect(isNotInstalledError(new Error('browserType.launch: Timeout 180000ms exceeded'))).toBe(false);
  });
  test("CI is on for CI=true or 1, off when unset, empty, 'false' or '0'", () => {
    expect([{ CI: 'true' }, { CI: '1' }].map(isCI)).toEqual([true, true]);
    expect([{}, { CI: '' }, { CI: 'false' }, { CI: '0' }].map(isCI)).toEqual([false, false, false, false]);
  });
});
