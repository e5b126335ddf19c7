/**
 * The largest ULP error found, per catalogue id, for the float64, float32 and naive kernels against
 * the adaptive reference, over the audit's regime-aware inputs (`argsFor`) with a given seed and run
 * count. Prints a markdown table (for issue notes):
 *
 *   npx tsx scripts/measure-errors.ts --runs 200 --seed 20261129 [--id sigmoid ...] [--json FILE]
 *
 * float64 and naive are measured on the same `runs` double inputs; float32 on `runs` inputs drawn
 * with the same seed and rounded to float32 (`argsFor(entry, { round: Math.fround })`), in float32
 * ULPs. A reference that cannot be evaluated (an exception) is counted and listed, never skipped
 * silently.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { argsFor } from '../src/audit/arbitraries.ts';
import { catalogue } from '../src/catalogue/index.ts';
import {
  type CatalogueEntry,
  callKernel,
  type FloatArg,
  type FloatResult,
  type Kernel,
} from '../src/catalogue/types.ts';
import { encodeFloat } from '../src/cli/eval.ts';
import { FLOAT32, FLOAT64, type FloatFormat } from '../src/numeric/float.ts';
import { ulpError, ulpErrorVector } from '../src/numeric/ulp.ts';
import { referenceValue } from '../src/reference/entry.ts';
import type { Num } from '../src/reference/tiny.ts';

interface Worst {
  ulps: number;
  args?: FloatArg[];
}

interface Row {
  id: string;
  float64: Worst;
  float32: Worst;
  naive: Worst;
  inputs: number;
  referenceFailures: { args: FloatArg[]; message: string }[];
}

function errorOf(kernel: Kernel, args: FloatArg[], exact: Num | Num[], fmt: FloatFormat): number {
  let got: FloatResult;
  try {
    got = callKernel(kernel, args);
  } catch {
    return Number.POSITIVE_INFINITY; // a kernel that throws on valid input has no answer at all
  }
  if (Array.isArray(exact)) return Array.isArray(got) ? ulpErrorVector(got, exact, fmt) : Number.POSITIVE_INFINITY;
  return typeof got === 'number' ? ulpError(got, exact, fmt) : Number.POSITIVE_INFINITY;
}

function update(w: Worst, ulps: number, args: FloatArg[]): void {
  // NaN-safe: an error that is not ≤ the worst so far (including NaN) replaces it.
  if (!(ulps <= w.ulps)) {
    w.ulps = ulps;
    w.args = args;
  }
}

function measure(entry: CatalogueEntry, runs: number, seed: number): Row {
  const row: Row = {
    id: entry.id,
    float64: { ulps: 0 },
    float32: { ulps: 0 },
    naive: { ulps: 0 },
    inputs: 0,
    referenceFailures: [],
  };
  const pass = (args: FloatArg[], fn: (exact: Num | Num[]) => void) => {
    let exact: Num | Num[];
    try {
      exact = referenceValue(entry, args).value;
    } catch (e) {
      row.referenceFailures.push({ args, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    fn(exact);
  };
  for (const args of fc.sample(argsFor(entry), { seed, numRuns: runs })) {
    pass(args, (exact) => {
      row.inputs++;
      update(row.float64, errorOf(entry.float64, args, exact, FLOAT64), args);
      update(row.naive, errorOf(entry.naive, args, exact, FLOAT64), args);
    });
  }
  for (const args of fc.sample(argsFor(entry, { round: Math.fround }), { seed, numRuns: runs })) {
    pass(args, (exact) => update(row.float32, errorOf(entry.float32, args, exact, FLOAT32), args));
  }
  return row;
}

function showUlps(u: number): string {
  if (u === Number.POSITIVE_INFINITY) return '∞';
  if (u === 0) return '0';
  return u < 1000 ? u.toPrecision(3) : u.toExponential(2);
}

function showArgs(args: FloatArg[] | undefined): string {
  if (args === undefined) return '–';
  const text = JSON.stringify(args.map((a) => (Array.isArray(a) ? a.map(encodeFloat) : encodeFloat(a as number))));
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\``;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '200' },
      seed: { type: 'string', default: '20261129' },
      id: { type: 'string', multiple: true },
      json: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    throw new Error('--runs must be a positive integer and --seed an integer');
  }
  const ids = values.id;
  const entries = ids === undefined ? catalogue : catalogue.filter((e) => ids.includes(e.id));
  const start = performance.now();
  const rows: Row[] = [];
  console.log('| id | float64 max ULP | float32 max ULP | naive max ULP | worst float64 input |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const entry of entries) {
    const t0 = performance.now();
    const r = measure(entry, runs, seed);
    process.stderr.write(`${entry.id}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    rows.push(r);
    const note = r.referenceFailures.length > 0 ? ` (${r.referenceFailures.length} reference failure(s))` : '';
    console.log(
      `| ${r.id} | ${showUlps(r.float64.ulps)} | ${showUlps(r.float32.ulps)} | ${showUlps(r.naive.ulps)} | ${showArgs(r.float64.ulps > 0 ? r.float64.args : undefined)}${note} |`,
    );
  }
  const secs = ((performance.now() - start) / 1000).toFixed(1);
  console.log(`\n${runs} inputs per id and dtype, seed ${seed} (argsFor), ${secs} s.`);
  for (const r of rows) {
    for (const f of r.referenceFailures.slice(0, 3)) {
      console.log(`reference failure: ${r.id}(${showArgs(f.args)}): ${f.message}`);
    }
  }
  if (values.json !== undefined) {
    writeFileSync(values.json, `${JSON.stringify({ runs, seed, rows }, null, 2)}\n`);
  }
}

main();
