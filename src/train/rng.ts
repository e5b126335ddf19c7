/**
 * A small seeded PRNG for the training experiments: every dataset, initialisation and shuffle is a
 * pure function of an integer seed, so an experiment's table is reproducible bit for bit on any
 * JavaScript engine (only integer operations and `Math.log`/`Math.sqrt`/`Math.cos` are used; the last
 * three are the engine's, so a different engine may differ in the last bit of a Gaussian draw).
 */

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, period ≥ 2^32), seeded
 * through splitmix32 so that nearby integer seeds give unrelated streams. 12 outputs are discarded
 * after seeding, as PractRand's reference implementation does.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The second Box–Muller draw, kept for the next call. */
  private spare: number | undefined;

  constructor(readonly seed: number) {
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits (two 32-bit draws). */
  uniform(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /**
   * A standard normal draw by the Box–Muller transform: with U1 ∈ (0, 1], U2 ∈ [0, 1),
   * R = √(−2 ln U1) and θ = 2πU2, both R cos θ and R sin θ are independent N(0, 1); the second is
   * returned by the next call.
   */
  normal(): number {
    if (this.spare !== undefined) {
      const v = this.spare;
      this.spare = undefined;
      return v;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: ln never sees 0
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** A Fisher–Yates permutation of 0..n−1. */
  permutation(n: number): number[] {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i] as number;
      p[i] = p[j] as number;
      p[j] = t;
    }
    return p;
  }
}
