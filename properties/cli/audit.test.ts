/**
 * `lossproof audit` as a subprocess of the real executable: usage errors and a missing baseline exit 2
 * before any work, with a message naming the option or the file.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/lossproof.js', 'audit', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('bin/lossproof.js audit', () => {
  test('an unknown id, a bad --samples or --climb, an unknown option: exit 2 naming it', () => {
    const bad: [string[], RegExp][] = [
      [['--ids', 'sigmoid,softmaxx'], /unknown catalogue id "softmaxx"/],
      [['--samples', '0'], /--samples must be a positive integer, got "0"/],
      [['--climb', 'many'], /--climb must be a non-negative integer, got "many"/],
      [['--no-such-option'], /unknown option '--no-such-option'/],
    ];
    for (const [args, message] of bad) {
      const p = cli(...args);
      expect(p.status, args.join(' ')).toBe(2);
      expect(p.stderr).toMatch(message);
    }
  });

  test('--check with a baseline that does not exist: exit 2 at once, naming the file and --update-baseline', () => {
    const p = cli('--check', '--baseline', 'no/such/baseline.json', '--ids', 'sigmoid', '--samples', '1');
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(
      /cannot read the baseline no\/such\/baseline\.json: no such file \(write one with --update-baseline/,
    );
    expect(p.stdout).toBe(''); // no audit ran
  });
});
