/**
 * Start-up cost of the installed CLI: packs the repository, installs the tarball into a fresh project
 * (scripts/pack-install.mjs), and times, interleaved in the same run, `node -e 0` (the baseline),
 * `lossproof --version` and a one-line `lossproof eval` from the installed bin, each as a whole
 * process. Prints the median wall time of each and its excess over bare Node. For reading, never
 * asserted (timings are not tests).
 *
 *   npm run bench:startup                  # 15 rounds
 *   npm run bench:startup -- --rounds 40
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packAndInstall } from '../scripts/pack-install.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 3 || rounds > 1000) {
  throw new RangeError(`--rounds must be an integer from 3 to 1000, got ${JSON.stringify(values.rounds)}`);
}

const { work, project, installBytes, packed } = packAndInstall();
const bin = join(project, 'node_modules', 'lossproof', 'bin', 'lossproof.js');
const line = '{"fn":"bceWithLogits","args":[-745.2,1]}\n';
const commands = {
  'node -e 0': { args: ['-e', '0'] },
  'lossproof --version': { args: [bin, '--version'] },
  'lossproof eval (one line)': { args: [bin, 'eval'], input: line },
};

const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let r = 0; r < rounds + 1; r++) {
  for (const [name, c] of Object.entries(commands)) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, c.args, { cwd: project, input: c.input ?? '', encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (p.status !== 0) throw new Error(`${name} exited ${p.status}: ${p.stderr}`);
    if (r > 0) times[name].push(ms); // round 0 warms the file cache
  }
}
rmSync(work, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(times['node -e 0']);
console.log(
  `lossproof ${packed.version} installed from its tarball (${packed.entryCount} files; node_modules ${(installBytes / 2 ** 20).toFixed(1)} MiB), Node ${process.version}, ${rounds} interleaved rounds`,
);
console.log('| command | median wall (ms) | min–max (ms) | above node -e 0 (ms) | ratio to node -e 0 |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(
    `| ${name} | ${m.toFixed(0)} | ${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} | ${(m - base).toFixed(0)} | ${(m / base).toFixed(2)} |`,
  );
}
