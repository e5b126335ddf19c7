/**
 * Example: lossproof's vitest matcher in a user's own test suite. Importing the module registers
 * `toMatchReference`; each call audits the function against the exact reference of a catalogue id
 * (the audit's regimes, then the claims that concern the id) and fails with the worst input, the
 * failed claims and the options to replay.
 */
import { describe, expect, test } from 'vitest';
import '../src/vitest/index.ts'; // in a project that depends on lossproof: import 'lossproof/vitest'

/** Two branches: exp never overflows, and σ(z) keeps its tiny value for z ≪ 0. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

describe('toMatchReference', () => {
  test('a careful sigmoid matches the reference within 4 ULPs', () => {
    expect(sigmoid).toMatchReference('sigmoid', { maxUlp: 4, samples: 10 });
  });

  test('a softplus written as log(1 + e^z) does not: it overflows to ∞ for z > 709.78', () => {
    const naive = (z: number) => Math.log(1 + Math.exp(z));
    expect(naive).not.toMatchReference('softplus', { maxUlp: 4, samples: 10 });
  });

  test('the failure message names the worst input and the way to replay', () => {
    const wrongSign = (z: number, y: number) => y - sigmoid(z);
    let message = '';
    try {
      expect(wrongSign).toMatchReference('bceWithLogitsGrad', { samples: 10, seed: 3 });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('expected the function to match the reference of bceWithLogitsGrad');
    expect(message).toContain('claim SIG-1 fails');
    expect(message).toContain('replay with { maxUlp: 8, samples: 10, seed: 3');
  });
});
