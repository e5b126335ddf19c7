/**
 * Pins fast-check for every test file: a fixed seed unless FC_SEED is given (FC_SEED=<n> replays a
 * printed failure exactly), and FC_NUM_RUNS runs per property (default 200).
 */
import fc from 'fast-check';
import { propertyConfig } from './properties/_support/config.ts';

fc.configureGlobal({ seed: propertyConfig.seed, numRuns: propertyConfig.numRuns });
