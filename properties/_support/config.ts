/**
 * The seed and run count every property uses. `FC_SEED` replays a run; `FC_NUM_RUNS` runs deeper.
 * Without FC_SEED the seed is fixed, so `npm test` is deterministic (CI refuses nothing else).
 */
function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return v;
}

export const DEFAULT_SEED = 20261129;

export const propertyConfig = {
  seed: intFromEnv('FC_SEED', DEFAULT_SEED),
  numRuns: intFromEnv('FC_NUM_RUNS', 200),
};

/** A run count scaled from the configured one (for properties whose cases are expensive). */
export function runs(fraction: number, minimum = 20): number {
  return Math.max(minimum, Math.round(propertyConfig.numRuns * fraction));
}
