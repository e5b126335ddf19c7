#!/usr/bin/env python3
"""Writes properties/fixtures/distribution.json: mpmath values of crossEntropy, klDivergence and
entropy at float64 arguments (see _fixtures_common.py). Run: python3 scripts/fixtures_distribution.py"""
import mpmath
from mpmath import mpf

from _fixtures_common import write

X = lambda v: mpf(v)


def ce(p, y):
    return lambda: -sum(X(b) * mpmath.log(X(a)) for a, b in zip(p, y) if b != 0)


def kl(q, p):
    return lambda: sum(X(a) * mpmath.log(X(a) / X(b)) for a, b in zip(q, p) if a != 0)


def ent(q):
    return lambda: -sum(X(a) * mpmath.log(X(a)) for a in q if a != 0)


ULP = 5.551115123125783e-17  # ulp of 0.3 and 0.7 (2^-54 and 2^-53 binades): moved mass
cases = [
    ('crossEntropy', [[0.2, 0.8], [0.5, 0.5]], ce([0.2, 0.8], [0.5, 0.5]), 'ordinary'),
    ('crossEntropy', [[0.0, 1.0], [0.0, 1.0]], ce([0.0, 1.0], [0.0, 1.0]), '0 log 0 = 0: exactly 0'),
    ('crossEntropy', [[1e-300, 0.5], [1e-10, 0.9]], ce([1e-300, 0.5], [1e-10, 0.9]), 'tiny p with a small weight'),
    ('klDivergence', [[0.2, 0.8], [0.5, 0.5]], kl([0.2, 0.8], [0.5, 0.5]), 'ordinary'),
    ('klDivergence', [[0.3, 0.7], [0.30000000000000004, 0.7 - ULP]], kl([0.3, 0.7], [0.30000000000000004, 0.7 - ULP]),
     'q and p one ulp apart: the terms cancel to second order'),
    ('klDivergence', [[1.0, 0.0], [1e-320, 1.0]], kl([1.0, 0.0], [1e-320, 1.0]), 'q/p overflows: log via exponents'),
    ('klDivergence', [[0.25, 0.25], [0.5, 0.125]], kl([0.25, 0.25], [0.5, 0.125]), 'unnormalised: exactly 0'),
    ('klDivergence', [[1e-310, 2e-310], [3e-310, 1e-310]], kl([1e-310, 2e-310], [3e-310, 1e-310]), 'subnormal q and p'),
    ('entropy', [[0.25, 0.25, 0.5, 0.0]], ent([0.25, 0.25, 0.5, 0.0]), 'ordinary with a zero component'),
    ('entropy', [[0.9999999999999999, 1.1102230246251565e-16]], ent([0.9999999999999999, 1.1102230246251565e-16]),
     'nearly one-hot'),
    ('entropy', [[1e-320, 2e-320]], ent([1e-320, 2e-320]), 'subnormal components: result subnormal'),
]

if __name__ == '__main__':
    write('distribution', 'fixtures_distribution.py', cases)
