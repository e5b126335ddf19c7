/**
 * Argument parsers and the table formatter shared by the commands. Every parser names the option and
 * the value it refused (commander prints the message and exits with a usage error).
 */
import { type CommanderError, InvalidArgumentError } from 'commander';
import { findEntry } from '../catalogue/index.ts';

export function positiveInt(name: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 1)
      throw new InvalidArgumentError(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
    return v;
  };
}

export function nonNegativeInt(name: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 0)
      throw new InvalidArgumentError(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    return v;
  };
}

export function parseSeed(raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1)
    throw new InvalidArgumentError(`--seed must be an integer in [0, 2^31 − 1], got ${JSON.stringify(raw)}`);
  return v;
}

export function parseIds(raw: string): string[] {
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const id of ids)
    if (findEntry(id) === undefined) throw new InvalidArgumentError(`unknown catalogue id ${JSON.stringify(id)}`);
  if (ids.length === 0) throw new InvalidArgumentError('--ids needs at least one catalogue id');
  return ids;
}

export function parseShard(raw: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4), got ${JSON.stringify(raw)}`);
  }
  return { index: index - 1, count };
}

/** Pads a table of strings into aligned columns. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], maxLast = 60): string {
  const clip = (s: string, i: number) =>
    i === header.length - 1 && s.length > maxLast ? `${s.slice(0, maxLast - 1)}…` : s;
  const all = [header, ...rows].map((r) => r.map(clip));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * For `.exitOverride`: a usage error (an unknown option, a value a parser refused) exits 2, as a
 * module that cannot be loaded does; help and version exit 0 (commander's own default would be 1).
 */
export function exitOnUsageError(err: CommanderError): never {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
    process.exit(0);
  process.exit(2);
}
