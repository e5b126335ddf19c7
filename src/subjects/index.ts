/**
 * Foreign subjects: other people's implementations of catalogue ids, audited with the project's own
 * generators and verdicts (docs/error-metric.md#verdicts). Each subject lives in its own file and is loaded on demand
 * (dynamic import), so an optional dependency such as TensorFlow.js is never on the default import
 * path of the package or the CLI.
 *
 * - `tfjs.ts`: TensorFlow.js 4.22 (CPU backend, float32) behind catalogue ids;
 * - `exec.ts`: any program in any language speaking the JSON-lines protocol of docs/protocol.md.
 */
import type { SubjectSet } from '../audit/run.ts';

/**
 * The ULP budget for a foreign subject (tfjs, an `--exec` program), in ULPs of the subject's dtype: 8.
 *
 * The verdicts (docs/error-metric.md#verdicts) already allow budget·(1 + κ) before an input is called unstable, so the
 * budget only has to cover the rounding of a careful formula where the function is well-conditioned
 * (κ ≲ 1). An ordinary float formula chains 3–6 correctly rounded operations plus a libm exp/log
 * (< 1 ULP each), and a float32 library that rounds every intermediate tensor to float32 (as
 * TensorFlow.js does) adds up to ½ ULP per op: 8 covers that with headroom, and it admits
 * tfjs's softplus threshold (softplus(z) = e^z for z < ln 2^−23 + 2, at most ≈ 6.8 float32 ULPs at
 * the threshold, because the neglected term e^2z/2 relative to e^z is e^z/2 ≤ 2^−24·e^2 ≈ 4.4e−7).
 * It is still 2^20 (float32) to 2^49 (float64) times smaller than the errors the audit exists to
 * catch: 0, ±∞ or NaN where the exact value is an ordinary number (an infinite error), a clamp or a
 * wrong sign (a relative error of O(1)).
 *
 * `lossproof check` uses this as its default `--max-ulp` (`DEFAULT_MAX_ULP` in src/check/run.ts).
 */
export const FOREIGN_BUDGET_ULPS = 8;

/** Names accepted by `lossproof audit --subject`. */
export const FOREIGN_SUBJECTS = ['tfjs'] as const;
export type ForeignSubjectName = (typeof FOREIGN_SUBJECTS)[number];

/**
 * Loads a foreign subject by name. Throws (with the loader's message) when it cannot be loaded,
 * e.g. when the optional dependency is not installed.
 */
export async function loadSubject(name: ForeignSubjectName): Promise<SubjectSet> {
  switch (name) {
    case 'tfjs': {
      const { tfjsSubject } = await import('./tfjs.ts');
      return tfjsSubject();
    }
  }
}
