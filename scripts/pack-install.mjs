/**
 * Packs this repository with `npm pack` (which runs `prepare`, the build) and installs the tarball into
 * a fresh project under a temporary folder, as a user's `npm i lossproof` would. Shared by the
 * packaging test (properties/package/install.test.mjs) and the start-up benchmark (bench/startup.mjs).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const INSTALL_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/** Bytes of the files under a folder (links not followed). */
export function diskUsage(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const s = statSync(join(dir, name), { throwIfNoEntry: false });
    if (s !== undefined) total += s.isDirectory() ? diskUsage(join(dir, name)) : s.size;
  }
  return total;
}

/**
 * Packs and installs; returns the folders, the tarball's path and its npm pack summary
 * ({filename, entryCount, size, unpackedSize}), and the size of node_modules after the install.
 * `log` receives one line per step.
 */
export function packAndInstall(log = (line) => process.stderr.write(`${line}\n`)) {
  const work = mkdtempSync(join(tmpdir(), 'lossproof-package-'));
  const packed = JSON.parse(
    execFileSync(NPM, ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
  )[0];
  const tarball = join(work, packed.filename);
  log(
    `tarball ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked`,
  );
  const project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  execFileSync(NPM, ['install', ...INSTALL_FLAGS, tarball], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  const installBytes = diskUsage(join(project, 'node_modules'));
  log(`node_modules after npm i <tarball>: ${(installBytes / 2 ** 20).toFixed(1)} MiB`);
  return { work, project, tarball, packed, installBytes };
}

/** Installs more packages into the project as devDependencies (the consumer's own tools). */
export function installDev(project, specs) {
  execFileSync(NPM, ['install', '-D', ...INSTALL_FLAGS, ...specs], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
