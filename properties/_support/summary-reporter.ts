/**
 * Prints the closing line CI reads: `N passed, N failed` (and `, N skipped` when any were skipped).
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      // A test skipped at run time (`ctx.skip(reason)`, as the browser test does without a browser)
      // has the state 'skipped' and counts as skipped.
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // Errors outside any test (a beforeAll/afterAll that throws, a file that cannot be imported):
      // vitest leaves the tests a failed hook kept from running as skipped, so each error counts as a
      // failure here, or the closing line could read `0 failed` for a failed run.
      const outside = [mod, ...mod.children.allSuites()].reduce((n, s) => n + s.errors().length, 0);
      if (outside > 0) failed += outside;
      else if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}
