/**
 * `lossproof eval` (docs/eval.md): reference values as fixtures.
 *
 * Each input line is one JSON object `{"fn": id, "args": [...]}`; each output line is either
 * `{"fn", "value", "float64"}` (or `"float32"` with `--dtype float32`) or
 * `{"error": {"code", "message"}}`. Lines are answered one by one, in order, and a bad line never
 * stops the run: the exit status says afterwards whether any line failed.
 *
 * Argument encoding (the same encoding is used for the float result):
 * - a JSON number is the double it denotes (JSON.parse rounds the decimal text correctly);
 * - `"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"` are those values;
 * - any other string must be a decimal numeral and is rounded correctly, once, straight into the
 *   requested format with `roundNum` (with `--dtype float32` a decimal string is not rounded
 *   through a double first: that double rounding can differ from the correct float32 rounding);
 * - vector arguments are arrays of the above; a class index `k` is a JSON integer.
 * With `--dtype float32` JSON numbers are rounded to float32 (Math.fround) after JSON.parse.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { findEntry } from '../catalogue/index.ts';
import type { CatalogueEntry, FloatArg } from '../catalogue/types.ts';
import { DomainError, validateArgs } from '../catalogue/validate.ts';
import { type Dtype, type FloatFormat, formatOf } from '../numeric/float.ts';
import { Exact } from '../reference/decimal.ts';
import { referenceValue } from '../reference/entry.ts';
import { formatNum, ReferenceUnstableError } from '../reference/evaluate.ts';
import { roundNum } from '../reference/round.ts';
import type { Num } from '../reference/tiny.ts';

/** Significant digits of the `value` field (docs/eval.md#output-lines). */
export const EVAL_DIGITS = 50;

/** The error codes an output line can carry. */
export type EvalErrorCode =
  | 'malformed-json'
  | 'not-an-object'
  | 'unknown-fn'
  | 'arity'
  | 'type'
  | 'length'
  | 'domain'
  | 'bad-decimal'
  | 'reference-failed';

/** A line that cannot be answered. */
export class EvalLineError extends Error {
  constructor(
    readonly code: EvalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EvalLineError';
  }
}

export interface EvalOptions {
  /** The format of the arguments and of the rounded result (default float64). */
  dtype?: Dtype;
}

/** The answer to one input line: the JSON text to print, and whether it is an error line. */
export interface EvalLineResult {
  output: string;
  ok: boolean;
}

/** A JSON encoding of a float that keeps NaN, ±∞ and −0 (which JSON numbers cannot carry). */
export type EncodedFloat = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/** Encodes a float result the way arguments are encoded. */
export function encodeFloat(x: number): EncodedFloat {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

// A decimal numeral: optional sign, digits with an optional point (at least one digit), optional
// exponent. decimal.js would also accept hexadecimal, binary and octal literals; eval does not.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Shows a JSON value in a message, briefly. */
function show(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Decodes one scalar argument into the format `fmt`; `name` is used in messages. */
function decodeScalar(v: unknown, fmt: FloatFormat, name: string): number {
  if (typeof v === 'number') return fmt.round(v);
  if (typeof v !== 'string') {
    throw new EvalLineError('type', `argument ${name} must be a number or a numeric string, got ${show(v)}`);
  }
  switch (v) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return Number.POSITIVE_INFINITY;
    case '-Infinity':
      return Number.NEGATIVE_INFINITY;
    case '-0':
      return -0;
  }
  if (!DECIMAL.test(v)) {
    throw new EvalLineError(
      'bad-decimal',
      `argument ${name} is not a decimal number, "NaN", "Infinity", "-Infinity" or "-0": got ${show(v)}`,
    );
  }
  // Constructing a Decimal never rounds: the numeral is held exactly and rounded once, into fmt.
  // An exponent beyond decimal.js's range (10^±9e15) reads as ±∞ or ±0, which is where it rounds.
  return roundNum(new Exact(v), fmt);
}

/** Decodes the `args` array of a line for `entry`, in format `fmt`. */
export function decodeArgs(entry: CatalogueEntry, raw: unknown, fmt: FloatFormat): FloatArg[] {
  if (!Array.isArray(raw)) throw new EvalLineError('type', `"args" must be an array, got ${show(raw)}`);
  if (raw.length !== entry.args.length) {
    const names = entry.args.map((a) => a.name).join(', ');
    throw new EvalLineError(
      'arity',
      `${entry.id} takes ${entry.args.length} argument(s) (${names}), got ${raw.length}`,
    );
  }
  return entry.args.map((spec, i): FloatArg => {
    const v: unknown = raw[i];
    if (spec.kind === 'index') {
      // An index is a count, not a measured value: only a JSON integer is accepted.
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        throw new EvalLineError(
          'type',
          `argument ${spec.name} is a class index and must be a JSON integer, got ${show(v)}`,
        );
      }
      return v;
    }
    if (spec.kind.endsWith('Vec')) {
      if (!Array.isArray(v)) throw new EvalLineError('type', `argument ${spec.name} must be an array, got ${show(v)}`);
      return v.map((x, j) => decodeScalar(x, fmt, `${spec.name}[${j}]`));
    }
    if (Array.isArray(v)) throw new EvalLineError('type', `argument ${spec.name} must be a scalar, got an array`);
    return decodeScalar(v, fmt, spec.name);
  });
}

/**
 * Answers one input line (docs/eval.md). Never throws: every failure becomes an error line.
 */
export function evalLine(line: string, opts: EvalOptions = {}): EvalLineResult {
  const dtype = opts.dtype ?? 'float64';
  try {
    const out = answer(line, formatOf(dtype));
    return { output: JSON.stringify(out), ok: true };
  } catch (e) {
    return { output: JSON.stringify({ error: describe(e) }), ok: false };
  }
}

function describe(e: unknown): { code: string; message: string } {
  if (e instanceof EvalLineError || e instanceof DomainError) return { code: e.code, message: e.message };
  if (e instanceof ReferenceUnstableError) return { code: 'reference-failed', message: e.message };
  return { code: 'reference-failed', message: e instanceof Error ? e.message : String(e) };
}

function answer(line: string, fmt: FloatFormat): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    const why = line.trim() === '' ? 'empty line' : e instanceof Error ? e.message : String(e);
    throw new EvalLineError('malformed-json', `not valid JSON: ${why}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EvalLineError(
      'not-an-object',
      `a line must be a JSON object {"fn": ..., "args": [...]}, got ${show(parsed)}`,
    );
  }
  const obj = parsed as Record<string, unknown>;
  const fn = obj.fn;
  if (typeof fn !== 'string') throw new EvalLineError('type', `"fn" must be a catalogue id string, got ${show(fn)}`);
  const entry = findEntry(fn);
  if (entry === undefined) throw new EvalLineError('unknown-fn', `unknown catalogue id ${show(fn)}`);
  const args = decodeArgs(entry, obj.args, fmt);
  // Domain, lengths and label values (e.g. a NaN target) are the registry's rules.
  validateArgs(entry, args);
  const { value } = referenceValue(entry, args, { digits: EVAL_DIGITS });
  const vals = Array.isArray(value) ? value : [value];
  const text = vals.map((v: Num) => formatNum(v, EVAL_DIGITS));
  const rounded = vals.map((v: Num) => encodeFloat(roundNum(v, fmt)));
  const vector = Array.isArray(value);
  return { fn, value: vector ? text : text[0], [fmt.name]: vector ? rounded : rounded[0] };
}

/** The outcome of a whole run. */
export interface EvalRun {
  /** One output line per input line, in order. */
  lines: string[];
  /** 1-based numbers of the input lines that got an error. */
  failed: number[];
  /** 0 when every line was answered, 1 otherwise. */
  status: 0 | 1;
}

/** Answers input lines in memory (for tests and library use). */
export function evalLines(input: Iterable<string>, opts: EvalOptions = {}): EvalRun {
  const lines: string[] = [];
  const failed: number[] = [];
  let n = 0;
  for (const line of input) {
    n++;
    const r = evalLine(line, opts);
    lines.push(r.output);
    if (!r.ok) failed.push(n);
  }
  return { lines, failed, status: failed.length > 0 ? 1 : 0 };
}

/** Streams: reads lines from `input`, writes answers to `output` and a summary to `log`. */
export async function evalStream(
  input: Readable,
  output: Writable,
  log: Writable,
  opts: EvalOptions = {},
): Promise<{ lines: number; failed: number[]; status: 0 | 1; elapsedMs: number }> {
  const start = performance.now();
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const failed: number[] = [];
  let n = 0;
  for await (const line of rl) {
    n++;
    const r = evalLine(line, opts);
    if (!r.ok) failed.push(n);
    // Respect back-pressure so a large file does not pile up in memory behind a slow reader.
    if (!output.write(`${r.output}\n`)) await new Promise((resolve) => output.once('drain', resolve));
  }
  const elapsedMs = performance.now() - start;
  const shown = failed.slice(0, 10).join(', ') + (failed.length > 10 ? ', ...' : '');
  log.write(
    `lossproof eval: ${n} line(s), ${failed.length} error(s)${failed.length > 0 ? ` (line ${shown})` : ''}, ` +
      `${(elapsedMs / 1000).toFixed(3)} s\n`,
  );
  return { lines: n, failed, status: failed.length > 0 ? 1 : 0, elapsedMs };
}

/** Registers the `eval` command on the program. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('reference values for JSON lines {"fn": id, "args": [...]} (a file, or standard input)')
    .argument('[file]', 'a JSON-lines file (default: standard input)')
    .option('--dtype <dtype>', 'float64 or float32: the format of the arguments and of the rounded result', 'float64')
    .action(async (file: string | undefined, options: { dtype: string }) => {
      if (options.dtype !== 'float64' && options.dtype !== 'float32') {
        process.stderr.write(`lossproof eval: --dtype must be float64 or float32, got ${options.dtype}\n`);
        process.exitCode = 2;
        return;
      }
      let input: Readable = process.stdin;
      if (file !== undefined && file !== '-') {
        const stream = createReadStream(file);
        // Surface an unreadable file as a usage error before any output is written.
        const opened = await new Promise<Error | undefined>((resolve) => {
          stream.once('open', () => resolve(undefined));
          stream.once('error', resolve);
        });
        if (opened !== undefined) {
          process.stderr.write(`lossproof eval: cannot read ${file}: ${opened.message}\n`);
          process.exitCode = 2;
          return;
        }
        input = stream;
      }
      const { status } = await evalStream(input, process.stdout, process.stderr, { dtype: options.dtype });
      process.exitCode = status;
    });
}
