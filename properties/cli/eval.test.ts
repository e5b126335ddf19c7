/**
 * `lossproof eval` (docs/eval.md): the line protocol, every kind of bad line, float32 mode, and one run
 * of the real executable (bin/lossproof.js) as a subprocess.
 *
 * Expected values are derived, not stated: exact expansions come from exactDecimal (checked against
 * Python's exact Decimal(float) in properties/reference/decimal.test.ts), correct roundings from the
 * neighbours of a float32 midpoint, and the registry-wide property compares each line's float field
 * with its own 50-digit value in ULPs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { argsFor } from '../../src/audit/arbitraries.ts';
import { catalogue, getEntry } from '../../src/catalogue/index.ts';
import type { FloatArg } from '../../src/catalogue/types.ts';
import { encodeFloat, evalLine, evalLines } from '../../src/cli/eval.ts';
import { FLOAT32, FLOAT64 } from '../../src/numeric/float.ts';
import { ulpError } from '../../src/numeric/ulp.ts';
import { Exact, exactDecimal } from '../../src/reference/decimal.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';
import fixtures from '../fixtures/reference.json' with { type: 'json' };

const root = fileURLToPath(new URL('../../', import.meta.url));

type Out = {
  fn?: string;
  value?: string | string[];
  float64?: unknown;
  float32?: unknown;
  error?: { code: string; message: string };
};

function run(line: string, dtype: 'float64' | 'float32' = 'float64'): Out {
  return JSON.parse(evalLine(line, { dtype }).output) as Out;
}
function call(fn: string, args: unknown[], dtype: 'float64' | 'float32' = 'float64'): Out {
  return run(JSON.stringify({ fn, args }), dtype);
}

/** Decodes the float encoding of the protocol. */
function decodeFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  const special: Record<string, number> = {
    NaN: Number.NaN,
    Infinity: Number.POSITIVE_INFINITY,
    '-Infinity': Number.NEGATIVE_INFINITY,
    '-0': -0,
  };
  const x = typeof v === 'string' ? special[v] : undefined;
  if (x === undefined) throw new Error(`not a float encoding: ${JSON.stringify(v)}`);
  return x;
}

describe('eval answers', () => {
  // Each row: an argument encoding for sigmoid and the expected (value, float64), special values first.
  const rows: [string, unknown, string, unknown][] = [
    ['NaN gives NaN', 'NaN', 'NaN', 'NaN'],
    // The value field always carries 50 digits unless it is 0, ±∞ or NaN.
    ['σ(+∞) = 1 exactly (a limit of docs/catalogue.md)', 'Infinity', `1.${'0'.repeat(49)}`, 1],
    ['σ(−∞) = 0 exactly', '-Infinity', '0', 0],
    ['σ(−0) = ½: "-0" is accepted', '-0', `0.5${'0'.repeat(49)}`, 0.5],
  ];
  test.each(rows)('sigmoid: %s', (_name, arg, value, float64) => {
    expect(call('sigmoid', [arg])).toEqual({ fn: 'sigmoid', value, float64 });
  });

  test('a decimal string is rounded correctly to the double it names: "0.1" answers as the JSON number 0.1', () => {
    expect(call('sigmoid', ['0.1'])).toEqual(call('sigmoid', [0.1]));
    // Beyond 17 digits: the double nearest 0.1000000000000000055511151231257827 is still 0.1.
    expect(call('sigmoid', ['0.1000000000000000055511151231257827'])).toEqual(call('sigmoid', [0.1]));
  });

  test('σ(−1e300) = e^−1e300/(1 + e^−1e300) prints as mpmath prints e^−1e300 (50 digits) and rounds to 0', () => {
    // The denominator differs from 1 by 10^(−4.3e299): invisible in 50 digits.
    const a = fixtures.tiny.cases.find((c) => c.name === 'a');
    const out = call('sigmoid', [-1e300]);
    expect(out.float64).toBe(0);
    expect(out.value).toBe(`${a?.mantissa}e${a?.exponent}`);
  });

  test('docs/eval.md example: bceWithLogits(−745.2, 1)', () => {
    const out = run('{"fn": "bceWithLogits", "args": [-745.2, 1]}');
    // softplus(−745.2) + 745.2 = 745.2 + log1p(e^−745.2), and e^−745.2 ≈ 2e−324 is far below the 50th
    // digit, so the value is the double 745.2's exact expansion rounded to 50 digits, as docs/eval.md
    // prints it: 745.20000000000004547…, 50 significant digits.
    expect(out).toEqual({
      fn: 'bceWithLogits',
      value: exactDecimal(745.2).toPrecision(50),
      float64: 745.2,
    });
    expect(out.value).toBe('745.20000000000004547473508864641189575195312500000');
  });

  test('vector functions answer with arrays: softmax([1000, 0, −1000])', () => {
    const out = call('softmax', [[1000, 0, -1000]]);
    expect(Array.isArray(out.value) && out.value.length === 3).toBe(true);
    expect(Array.isArray(out.float64)).toBe(true);
    // e^−1000 and e^−2000 are far below the subnormals: the float64 components are 1, 0, 0.
    expect((out.float64 as unknown[]).map(decodeFloat)).toEqual([1, 0, 0]);
  });

  test('every id in the registry: the float64 field is the correct rounding of the value field (≤ 0.5 ULPs)', (ctx) => {
    let lines = 0;
    for (const entry of catalogue) {
      checkProperty(
        ctx,
        fc.property(argsFor(entry, { maxK: 6 }), (args: FloatArg[]) => {
          const encoded = args.map((a) => (Array.isArray(a) ? a.map(encodeFloat) : encodeFloat(a as number)));
          const out = call(entry.id, encoded);
          expect(out.error, JSON.stringify(out.error)).toBeUndefined();
          const values = Array.isArray(out.value) ? out.value : [out.value];
          const floats = Array.isArray(out.float64) ? out.float64 : [out.float64];
          values.forEach((v, i) => {
            const got = decodeFloat(floats[i]);
            // A 50-digit value is within 10^−49 relative of the exact one: no ULP count can tell.
            if (v !== undefined && !v.includes('e-43'))
              expect(ulpError(got, new Exact(v), FLOAT64)).toBeLessThanOrEqual(0.5);
          });
          lines++;
        }),
        { numRuns: runs(0.05, 10) },
      );
    }
    expect(lines).toBeGreaterThan(0);
  });
});

describe('eval --dtype float32', () => {
  test('arguments are rounded to float32 and the field is float32', () => {
    const out = call('sigmoid', [0.1], 'float32');
    expect(Object.keys(out)).toEqual(['fn', 'value', 'float32']);
    // σ at fround(0.1) (the float32 argument), not at the double 0.1.
    expect(out.value).toBe(call('sigmoid', [Math.fround(0.1)]).value);
    expect(FLOAT32.round(out.float32 as number)).toBe(out.float32);
  });

  test('a decimal string is rounded straight to float32, not through a double', () => {
    // 1 + 2^−24 is the midpoint between the float32 values 1 and 1 + 2^−23; 10^−36 above it the
    // correct float32 rounding is 1 + 2^−23. Through a double it would be the tie 1 + 2^−24 first,
    // then fround's tie to even: 1.
    const justAbove = new Exact(1).plus(new Exact(2).pow(-24)).plus('1e-36').toFixed();
    const hi = FLOAT32.nextUp(1);
    expect(Math.fround(Number(justAbove))).toBe(1); // the trap this guards against
    expect(call('sigmoid', [justAbove], 'float32')).toEqual(call('sigmoid', [hi], 'float32'));
    expect(call('sigmoid', [justAbove], 'float32')).not.toEqual(call('sigmoid', [1], 'float32'));
  });
});

describe('eval bad lines: an error object each, and the run goes on', () => {
  // Each row: an input line, the error code, and what the message must name.
  const rows: [string, string, string, RegExp][] = [
    ['malformed JSON', '{"fn": "sigmoid", "args": [1]', 'malformed-json', /not valid JSON/],
    ['an empty line', '', 'malformed-json', /empty line/],
    ['not an object: an array', '[1, 2]', 'not-an-object', /\[1,2\]/],
    ['not an object: null', 'null', 'not-an-object', /null/],
    ['fn not a string', '{"fn": 3, "args": [1]}', 'type', /"fn".*3/],
    ['unknown id', '{"fn": "sigmod", "args": [1]}', 'unknown-fn', /"sigmod"/],
    ['wrong arity', '{"fn": "sigmoid", "args": [1, 2]}', 'arity', /sigmoid takes 1 argument\(s\) \(z\), got 2/],
    ['args missing', '{"fn": "sigmoid"}', 'type', /"args" must be an array/],
    ['wrong type: boolean', '{"fn": "sigmoid", "args": [true]}', 'type', /argument z .*true/],
    ['wrong type: array for a scalar', '{"fn": "sigmoid", "args": [[1]]}', 'type', /argument z must be a scalar/],
    ['bad decimal string', '{"fn": "sigmoid", "args": ["1e"]}', 'bad-decimal', /argument z .*"1e"/],
    // decimal.js would read hexadecimal; the protocol does not.
    ['hexadecimal string', '{"fn": "sigmoid", "args": ["0x10"]}', 'bad-decimal', /argument z .*"0x10"/],
    ['"nan" is not "NaN"', '{"fn": "sigmoid", "args": ["nan"]}', 'bad-decimal', /"nan"/],
    ['probability out of domain', '{"fn": "bce", "args": [1.5, 1]}', 'domain', /argument p .*1\.5/],
    ['target out of domain', '{"fn": "bce", "args": [0.5, "-0.25"]}', 'domain', /argument y .*-0\.25/],
    ['NaN where a label is required', '{"fn": "bceWithLogits", "args": [0, "NaN"]}', 'domain', /argument y .*NaN/],
    ['a scalar for a vector', '{"fn": "softmax", "args": [1]}', 'type', /argument z must be an array, got 1/],
    ['a bad component', '{"fn": "softmax", "args": [[1, "x"]]}', 'bad-decimal', /argument z\[1\] .*"x"/],
    ['an empty vector', '{"fn": "softmax", "args": [[]]}', 'length', /argument z must have at least 1/],
    ['unequal lengths', '{"fn": "softmaxCrossEntropy", "args": [[1, 2], [1]]}', 'length', /y has 1 .* z has 2/],
    [
      'a class index that is not an integer',
      '{"fn": "categoricalNll", "args": [[0.5, 0.5], 0.5]}',
      'type',
      /argument k .*0\.5/,
    ],
    [
      'a class index given as a string',
      '{"fn": "categoricalNll", "args": [[0.5, 0.5], "1"]}',
      'type',
      /argument k .*"1"/,
    ],
    [
      'a class index out of range',
      '{"fn": "categoricalNll", "args": [[0.5, 0.5], 2]}',
      'domain',
      /argument k .*\[0, 1\], got 2/,
    ],
  ];
  test.each(rows)('%s', (_name, line, code, message) => {
    const r = evalLine(line);
    expect(r.ok).toBe(false);
    const out = JSON.parse(r.output) as Out;
    expect(Object.keys(out)).toEqual(['error']);
    expect(out.error?.code).toBe(code);
    expect(out.error?.message).toMatch(message);
  });

  test('a mixed run answers every line in order and reports the failed ones with status 1', (ctx) => {
    const input = rows.flatMap(([, line]) => ['{"fn": "sigmoid", "args": [0]}', line]);
    const result = evalLines(input);
    expect(result.lines).toHaveLength(input.length);
    expect(result.status).toBe(1);
    expect(result.failed).toEqual(rows.map((_, i) => 2 * i + 2));
    for (let i = 0; i < input.length; i += 2) expect(JSON.parse(result.lines[i] as string).float64).toBe(0.5);
    expect(evalLines(['{"fn": "sigmoid", "args": [0]}']).status).toBe(0);
    recordCases(ctx, input.length);
  });
});

describe('bin/lossproof.js as a subprocess', () => {
  const bin = `${root}bin/lossproof.js`;
  test('reads standard input, writes one line per line, summarises on stderr, exits 1 when a line failed', () => {
    const input = '{"fn": "sigmoid", "args": [0]}\n{"fn": "nope", "args": []}\n';
    const p = spawnSync(process.execPath, [bin, 'eval'], { input, encoding: 'utf8', cwd: root });
    expect(p.status).toBe(1);
    const lines = p.stdout.trimEnd().split('\n');
    expect(lines).toEqual(evalLines(input.trimEnd().split('\n')).lines);
    expect(p.stderr).toMatch(/2 line\(s\), 1 error\(s\) \(line 2\), \d+\.\d{3} s/);
  });

  test('reads the bundled example file and answers every line without error', () => {
    const file = `${root}examples/eval.jsonl`;
    const p = spawnSync(process.execPath, [bin, 'eval', file], { encoding: 'utf8', cwd: root });
    const n = readFileSync(file, 'utf8').trimEnd().split('\n').length;
    expect(p.stdout.trimEnd().split('\n')).toHaveLength(n);
    expect(p.stderr).toMatch(new RegExp(`${n} line\\(s\\), 0 error\\(s\\)`));
    expect(p.status).toBe(0);
  });

  test('usage errors exit 2: an unreadable file, an unknown dtype', () => {
    expect(spawnSync(process.execPath, [bin, 'eval', `${root}no-such-file.jsonl`], { encoding: 'utf8' }).status).toBe(
      2,
    );
    const p = spawnSync(process.execPath, [bin, 'eval', '--dtype', 'float16'], { input: '', encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/--dtype must be float64 or float32/);
  });
});

test('getEntry is the registry eval reads: an id eval answers is an id of the catalogue', () => {
  expect(getEntry('sigmoid').id).toBe(call('sigmoid', [0]).fn);
});
