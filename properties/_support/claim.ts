/**
 * Runs a claim's property and records what the ledger needs on the test: the number of cases
 * checked and the seed that replays them.
 *
 * Use inside a vitest test whose name starts with the claim id:
 *
 *   test('SIG-3 |∂SE| ≤ ½|∂BCE| for every z and y', (ctx) => {
 *     checkProperty(ctx, fc.property(real, target, (z, y) => ...));
 *   });
 *
 * Deterministic checks that are not fast-check properties (a fixed counterexample, a table of
 * values) call `recordCases(ctx, n)` with the number of cases they assert.
 */
import fc from 'fast-check';
import type { TestContext } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Cases the test checked (fast-check runs, or the rows of a deterministic table). */
    cases?: number;
    /** The fast-check seed of the run, for replay with FC_SEED. */
    seed?: number;
  }
}

/** Runs `property` like `fc.assert`, recording cases and seed on the test for the ledger. */
export function checkProperty<Ts>(ctx: TestContext, property: fc.IProperty<Ts>, params: fc.Parameters<Ts> = {}): void {
  const details = fc.check(property, params);
  ctx.task.meta.cases = (ctx.task.meta.cases ?? 0) + details.numRuns;
  ctx.task.meta.seed = details.seed;
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
}

/** Records `n` deterministic cases on the test (added to any already recorded). */
export function recordCases(ctx: TestContext, n: number): void {
  ctx.task.meta.cases = (ctx.task.meta.cases ?? 0) + n;
}
