/**
 * A targeted search that climbs from the worst inputs found towards worse ones.
 *
 * Moves, each on one scalar argument or one vector component that carries data (labels stay put):
 * neighbouring floats (±1 ulp), larger steps in the bit pattern (±2^4 … ±2^50 ulps: along a binade and,
 * for the large ones, across a few binades), exponent steps (×2^±k, k ≤ 12) and a sign flip; moves among errors of at most one ULP are all
 * taken, so the walk crosses the plateaus where a formula is still right. A move is kept when it raises the
 * error; invalid arguments (out of domain) are skipped. Deterministic: the move sequence comes from a
 * fixed-seed generator.
 */
import type { CatalogueEntry, FloatArg } from '../catalogue/types.ts';
import { DomainError, validateArgs } from '../catalogue/validate.ts';
import { bitsOf32, bitsOf64, type Dtype, formatOf, fromBits32, fromBits64 } from '../numeric/float.ts';
import type { Num } from '../reference/tiny.ts';
import { evaluate, type Sample, type Subject } from './measure.ts';

type Measured = Sample & { exact: Num | Num[] };

/** mulberry32: a small, fast, seedable generator (the sequence is part of the audit's determinism). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Errors up to this many ULPs are rounding noise to the climb (see the acceptance rule). */
const NOISE_ULPS = 1;

const STEPS = [1, 16, 4096, 2 ** 24, 2 ** 36, 2 ** 44, 2 ** 48, 2 ** 50];

function stepBits(x: number, steps: number, dtype: Dtype): number {
  if (!Number.isFinite(x)) return x;
  if (dtype === 'float64') {
    const b = bitsOf64(x) + BigInt(steps);
    return b < 0n ? x : fromBits64(b);
  }
  const b = bitsOf32(x) + Math.max(-(2 ** 31), Math.min(2 ** 31, steps));
  return b < 0 || b > 0xffffffff ? x : fromBits32(b);
}

function move(x: number, r: () => number, dtype: Dtype): number {
  const fmt = formatOf(dtype);
  const kind = Math.floor(r() * 5);
  if (kind === 0) return r() < 0.5 ? fmt.nextUp(x) : fmt.nextDown(x);
  if (kind <= 2) {
    const s = STEPS[Math.floor(r() * STEPS.length)] as number;
    return stepBits(x, r() < 0.5 ? s : -s, dtype);
  }
  if (kind === 3) {
    // An exponent step of 1 to 12 binades either way: from a typical input, saturation and overflow
    // boundaries (|z| ≈ 709.78 is 2^9.5) are a few such steps away.
    const k = 1 + Math.floor(r() * 12);
    return fmt.round(r() < 0.5 ? x * 2 ** k : x / 2 ** k);
  }
  return -x;
}

/** The positions that may move: [argument index, component index or −1 for a scalar]. */
function movable(entry: CatalogueEntry, args: readonly FloatArg[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  entry.args.forEach((spec, i) => {
    if (spec.kind === 'sign' || spec.kind === 'index' || spec.kind === 'label') return;
    const a = args[i];
    if (Array.isArray(a)) {
      for (let j = 0; j < a.length; j++) out.push([i, j]);
    } else if (spec.kind !== 'target' || ((a as number) > 0 && (a as number) < 1)) out.push([i, -1]);
  });
  return out;
}

/**
 * Climbs from each start for an equal share of `evaluations`; returns the worst input reached
 * (at least as bad as the worst start) and the evaluations spent.
 */
export function climb(
  entry: CatalogueEntry,
  subject: Subject,
  starts: readonly Measured[],
  dtype: Dtype,
  evaluations: number,
  seed = 1,
  /** Stop as soon as an error of at least this many ULPs is reached (default: only at ∞). */
  stopAt = Number.POSITIVE_INFINITY,
): { best: Measured; evaluations: number } {
  let best = starts[0] as Measured;
  for (const s of starts) if (s.ulps > best.ulps) best = s;
  if (evaluations <= 0 || starts.length === 0 || best.ulps >= stopAt) return { best, evaluations: 0 };
  const r = mulberry32(seed);
  let spent = 0;
  const share = Math.max(1, Math.floor(evaluations / starts.length));
  for (const start of starts) {
    let cur = start;
    for (let k = 0; k < share && spent < evaluations; k++) {
      const pos = movable(entry, cur.args);
      if (pos.length === 0) break;
      const [i, j] = pos[Math.floor(r() * pos.length)] as [number, number];
      const args = cur.args.map((a) => (Array.isArray(a) ? [...a] : a));
      const from = j < 0 ? (args[i] as number) : ((args[i] as number[])[j] as number);
      const to = move(from, r, dtype);
      // A bit step past the largest finite pattern lands on NaN: not an input to search over (±∞ is,
      // since the edge rules give it limits: docs/catalogue.md#values-at-the-edges).
      if (Number.isNaN(to)) continue;
      if (j < 0) args[i] = to;
      else (args[i] as number[])[j] = to;
      try {
        validateArgs(entry, args);
      } catch (e) {
        if (e instanceof DomainError) continue;
        throw e;
      }
      spent++;
      const next = evaluate(entry, subject, args, dtype);
      // Below one ULP every input counts as equal (rounding noise): naive formulas are right to an ulp on
      // wide plateaus, and the walk must be free to cross them towards the region where they break.
      if (next.ulps >= cur.ulps || (next.ulps <= NOISE_ULPS && cur.ulps <= NOISE_ULPS)) cur = next;
      if (cur.ulps > best.ulps) best = cur;
      if (best.ulps >= stopAt) return { best, evaluations: spent };
    }
  }
  return { best, evaluations: spent };
}
