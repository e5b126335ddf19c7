/**
 * Throughput of every catalogue id's float64 kernel against its naive kernel, measured in the same
 * run on the same inputs (tinybench 6), on typical and on saturated inputs.
 *
 * Inputs are built from each entry's argument kinds with a seeded generator, so an id added to the
 * registry is benchmarked without any change here. One task call runs the kernel over a batch of
 * BATCH inputs (a single call is too short for the timer), and ops/s counts kernel calls.
 *
 *   npm run bench                         # the table
 *   npm run bench -- --json bench.json    # and the results as JSON
 *   npm run bench -- --time 500 --seed 7  # longer measurement per task, other inputs
 *
 * Timings are for reading, never asserted: the ratio float64/naive is what the careful forms cost
 * (or save) against the textbook ones on this machine.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { Bench } from 'tinybench';
import { argsFor } from '../src/audit/arbitraries.ts';
import { mulberry32 } from '../src/audit/search.ts';
import { catalogue } from '../src/catalogue/index.ts';
import type { ArgKind, CatalogueEntry, FloatArg, FloatResult, Kernel } from '../src/catalogue/types.ts';

const BATCH = 1024;

/** The two input regimes. */
type Regime = 'typical' | 'saturated';

/** The audit's seedable PRNG (deterministic inputs, not cryptographic). */
const prng = mulberry32;

type Rand = () => number;
const uniform = (r: Rand, lo: number, hi: number) => lo + (hi - lo) * r();
const logUniform = (r: Rand, lo: number, hi: number) => Math.exp(uniform(r, Math.log(lo), Math.log(hi)));
const sign = (r: Rand) => (r() < 0.5 ? -1 : 1);

/**
 * One scalar of a kind. Saturated: beyond the points where the textbook formulas overflow, underflow
 * or round to 0/1 (|z| between ln 2^53 ≈ 36.7 and the exp overflow/underflow at ≈ 709.8/745.1,
 * probabilities next to 0 and 1, variances spanning the whole range, hard labels).
 */
function scalar(kind: ArgKind, regime: Regime, r: Rand): number {
  const k = kind.replace('Vec', '');
  if (k === 'real') return regime === 'typical' ? uniform(r, -10, 10) : sign(r) * uniform(r, 37, 800);
  if (k === 'prob') {
    if (regime === 'typical') return uniform(r, 0.01, 0.99);
    const tiny = logUniform(r, 1e-300, 1e-17);
    return r() < 0.5 ? tiny : 1 - 2 ** -53 * Math.ceil(uniform(r, 1, 64));
  }
  if (k === 'target') return regime === 'typical' && r() < 0.5 ? r() : r() < 0.5 ? 0 : 1;
  if (k === 'label') return r() < 0.5 ? 0 : 1;
  if (k === 'sign') return sign(r);
  if (k === 'variance') return regime === 'typical' ? uniform(r, 0.1, 10) : logUniform(r, 1e-300, 1e300);
  throw new Error(`no generator for argument kind ${kind}`);
}

function logits(K: number, regime: Regime, r: Rand): number[] {
  if (regime === 'typical') return Array.from({ length: K }, () => uniform(r, -10, 10));
  // One logit far above the rest: exp of the others underflows, exp of the top one overflows.
  const top = Math.floor(r() * K);
  return Array.from({ length: K }, (_, j) => (j === top ? uniform(r, 710, 800) : -uniform(r, 0, 800)));
}

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function vector(kind: ArgKind, K: number, regime: Regime, r: Rand): number[] {
  if (kind === 'realVec') return logits(K, regime, r);
  if (kind === 'probVec') return softmax(logits(K, regime, r));
  // Targets: one-hot (the common case; soft targets are covered by the scalar target kind).
  const hot = Math.floor(r() * K);
  return Array.from({ length: K }, (_, j) => (j === hot ? 1 : 0));
}

const KNOWN: ReadonlySet<string> = new Set(['real', 'prob', 'target', 'label', 'sign', 'variance', 'index']);

/**
 * BATCH argument tuples for an entry, from its argument kinds. A kind this file does not know yet
 * (the registry grew) falls back to the audit's generators (`argsFor`), for both regimes, with a
 * note on stderr, so that a new id is still measured.
 */
export function inputsFor(entry: CatalogueEntry, regime: Regime, seed: number): FloatArg[][] {
  const unknown = entry.args.filter((a) => !KNOWN.has(a.kind.replace('Vec', '')));
  if (unknown.length > 0) {
    process.stderr.write(
      `${entry.id}: no ${regime} generator for kind(s) ${unknown.map((a) => a.kind)}; using argsFor\n`,
    );
    return fc.sample(argsFor(entry, { maxK: 10 }), { seed, numRuns: BATCH });
  }
  const r = prng(seed);
  const K = Math.max(entry.minLength ?? 1, 10);
  return Array.from({ length: BATCH }, () =>
    entry.args.map((a): FloatArg => {
      if (a.kind === 'index') return Math.floor(r() * K);
      if (a.kind.endsWith('Vec')) return vector(a.kind, K, regime, r);
      return scalar(a.kind, regime, r);
    }),
  );
}

/** A batch runner: calls the kernel on every input, keeping a result alive so nothing is elided. */
function runner(kernel: Kernel, inputs: FloatArg[][]): () => void {
  const f = kernel as unknown as (...a: FloatArg[]) => FloatResult;
  let sink = 0;
  return () => {
    for (const args of inputs) {
      const v = f(...args);
      sink += typeof v === 'number' ? v : (v[0] ?? 0);
    }
    if (sink === 0.123456789) console.log(sink);
  };
}

export interface BenchRow {
  id: string;
  regime: Regime;
  float64OpsPerSec: number;
  naiveOpsPerSec: number;
  /** float64 ops/s divided by naive ops/s: above 1 the careful kernel is faster. */
  ratio: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'string' },
      time: { type: 'string', default: '150' },
      seed: { type: 'string', default: '20261129' },
      id: { type: 'string', multiple: true },
    },
  });
  const time = Number(values.time);
  const seed = Number(values.seed);
  const ids = values.id;
  const entries = ids === undefined ? catalogue : catalogue.filter((e) => ids.includes(e.id));
  const rows: BenchRow[] = [];
  for (const entry of entries) {
    for (const regime of ['typical', 'saturated'] as const) {
      const inputs = inputsFor(entry, regime, seed);
      // Both kernels in one Bench, alternately warmed and timed on the same inputs.
      const bench = new Bench({ time, warmupTime: Math.min(50, time) });
      bench.add('float64', runner(entry.float64, inputs));
      bench.add('naive', runner(entry.naive, inputs));
      await bench.run();
      const hz = (name: string): number => {
        const task = bench.tasks.find((t) => t.name === name);
        const res = task?.result;
        if (res === undefined || !('throughput' in res)) throw new Error(`${entry.id} ${regime} ${name}: no result`);
        return res.throughput.mean * BATCH;
      };
      const f = hz('float64');
      const n = hz('naive');
      rows.push({ id: entry.id, regime, float64OpsPerSec: f, naiveOpsPerSec: n, ratio: f / n });
    }
  }
  const fmt = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : `${(x / 1e3).toFixed(0)}k`);
  console.log('| id | regime | float64 ops/s | naive ops/s | ratio |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.id} | ${r.regime} | ${fmt(r.float64OpsPerSec)} | ${fmt(r.naiveOpsPerSec)} | ${r.ratio.toFixed(2)} |`,
    );
  }
  console.log(`\n${BATCH} inputs per regime, seed ${seed}, ${time} ms per task; ratio = float64 / naive throughput.`);
  if (values.json !== undefined) {
    const doc = { seed, timeMs: time, batch: BATCH, node: process.version, rows };
    writeFileSync(values.json, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`wrote ${values.json}`);
  }
}

await main();
