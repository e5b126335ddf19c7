import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts', 'src/**/*.test.ts', 'examples/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    // The properties are CPU-bound: one worker per core (vitest would otherwise leave one core idle).
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The ledger prints after vitest's own summary; summary-reporter stays last: CI reads its closing line.
    reporters: ['default', './properties/_support/ledger-reporter.ts', './properties/_support/summary-reporter.ts'],
  },
});
