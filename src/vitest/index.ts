/**
 * A vitest matcher for users' own tests: `expect(myFn).toMatchReference('bceWithLogits', { maxUlp: 4 })`
 * audits `myFn` as an implementation of a catalogue id exactly as `lossproof check` does (the audit's
 * regimes against the exact reference, then the claim checks of that id) and passes when `check`
 * would pass it: no input judged unstable or wrong, every claim holding.
 *
 * Usage: import this module once (a test file or a vitest setup file); it registers the matcher with
 * `expect.extend` and augments vitest's `Assertion` type:
 *
 * ```ts
 * import 'lossproof/vitest';   // in this repository: '../src/vitest/index.ts'
 * test('my sigmoid', () => {
 *   expect(mySigmoid).toMatchReference('sigmoid', { maxUlp: 4, samples: 50, seed: 7 });
 * });
 * ```
 *
 * The function runs in-process (a function cannot be sent to a worker), so unlike `check` there is
 * no time limit per call: use vitest's test timeout for that.
 */
import { expect } from 'vitest';
import type { Subject } from '../audit/measure.ts';
import { findEntry } from '../catalogue/index.ts';
import type { FloatArg } from '../catalogue/types.ts';
import { checkOne, conformResult, DEFAULT_MAX_ULP } from '../check/run.ts';
import type { Dtype } from '../numeric/float.ts';
import { toJson } from '../report/json.ts';

export interface MatchReferenceOptions {
  /** The ULP budget (verdicts allow budget·(1 + κ)); default 8, as `check`. */
  maxUlp?: number;
  /** Samples per regime; default 30 (keeps a matcher call to about a second per id). */
  samples?: number;
  /** Seed of the generators; default 1. */
  seed?: number;
  /** float64 (default) or float32 inputs, results judged in that format's ULPs. */
  dtype?: Dtype;
  /** Largest vector length generated; default 8. */
  maxK?: number;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The matcher itself (exported for `expect.extend` in other test runners' compatible APIs). */
export function toMatchReference(received: unknown, id: string, options: MatchReferenceOptions = {}): MatcherResult {
  const entry = findEntry(id);
  if (entry === undefined) throw new RangeError(`toMatchReference: unknown catalogue id ${JSON.stringify(id)}`);
  if (typeof received !== 'function') {
    throw new TypeError(`toMatchReference: expected a function, received ${typeof received}`);
  }
  const fn = received as (...args: FloatArg[]) => unknown;
  const subject: Subject = (...args: FloatArg[]) => conformResult(entry, fn(...args), args);
  const opts = {
    dtype: options.dtype ?? 'float64',
    maxUlp: options.maxUlp ?? DEFAULT_MAX_ULP,
    samples: options.samples ?? 30,
    seed: options.seed ?? 1,
    maxK: options.maxK ?? 8,
  } as const;
  const f = checkOne({ entry, subject, hung: () => undefined }, opts);
  const replay = `{ maxUlp: ${opts.maxUlp}, samples: ${opts.samples}, seed: ${opts.seed}, dtype: '${opts.dtype}', maxK: ${opts.maxK} }`;
  return {
    pass: f.verdict === 'pass',
    message: () => {
      if (f.verdict === 'pass') {
        return `expected the function not to match the reference of ${id}, but every input was within ${opts.maxUlp}·(1 + κ) ULPs (max ${f.maxUlp} ULPs) and every claim held`;
      }
      const lines = [`expected the function to match the reference of ${id} (${opts.dtype}): audit verdict ${f.audit}`];
      const w = f.worst;
      if (w !== undefined && (f.audit === 'unstable' || f.audit === 'wrong')) {
        lines.push(
          `  worst input ${toJson(w.args)} (${w.regime}): got ${toJson(w.got)}, exact ${toJson(w.exact)}, ${w.ulps} ULPs${w.kappa === undefined ? '' : `, κ = ${w.kappa}`}`,
        );
      }
      for (const c of f.claims.filter((x) => x.status === 'fail')) {
        lines.push(
          `  claim ${c.claim ?? `${id}:${c.check}`} fails${c.counterexample === undefined ? '' : ` at ${toJson(c.counterexample.args)}: ${c.counterexample.detail}`}`,
        );
      }
      lines.push(`  replay with ${replay}`);
      return lines.join('\n');
    },
  };
}

expect.extend({ toMatchReference });

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: merging needs vitest's own type parameters (T = any).
  interface Assertion<T = any> {
    /** Audits the received function as an implementation of catalogue id `id` (see lossproof check). */
    toMatchReference(id: string, options?: MatchReferenceOptions): void;
  }
}
