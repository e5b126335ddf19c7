#!/usr/bin/env python3
"""Writes properties/fixtures/regression.json: mpmath values of squaredError, squaredErrorGrad and
meanSquaredError at float64 arguments (see _fixtures_common.py). Run: python3 scripts/fixtures_regression.py"""
from mpmath import mpf

from _fixtures_common import write

X = lambda v: mpf(v)  # exact binary value of a double


def se(u, y):
    return lambda: (X(u) - X(y)) ** 2


def seg(u, y):
    return lambda: 2 * (X(u) - X(y))


def mse(u, y):
    return lambda: sum((X(a) - X(b)) ** 2 for a, b in zip(u, y)) / len(u)


cases = [
    ('squaredError', [0.1, 0.3], se(0.1, 0.3), 'ordinary values whose decimal strings are not the doubles'),
    ('squaredError', [1.0000000000000002, 1.0], se(1.0000000000000002, 1.0), 'one-ulp difference: (2^-52)^2'),
    ('squaredError', [1.3e154, -1e-300], se(1.3e154, -1e-300), 'square just below MAX'),
    ('squaredError', [3e-170, 1e-170], se(3e-170, 1e-170), 'square in the subnormal range'),
    ('squaredError', [1e300, 1e-300], se(1e300, 1e-300), 'operands 600 orders apart: the exact difference is long'),
    ('squaredErrorGrad', [0.1, 0.3], seg(0.1, 0.3), 'ordinary values'),
    ('squaredErrorGrad', [8.98846567431158e307, -8.98846567431158e307], seg(8.98846567431158e307, -8.98846567431158e307),
     'difference near MAX: 2(u - y) above the range'),
    ('squaredErrorGrad', [5e-324, 1e-323], seg(5e-324, 1e-323), 'subnormal difference'),
    ('meanSquaredError', [[1.8e154, 0.0], [0.0, 0.0]], mse([1.8e154, 0.0], [0.0, 0.0]),
     'a term above MAX in a representable mean'),
    ('meanSquaredError', [[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]], mse([0.1, 0.2, 0.3], [0.3, 0.2, 0.1]), 'K = 3, 1/K not exact'),
    ('meanSquaredError', [[1e-200, 2e-200, 1.0], [0.0, 0.0, 1.0000000000000002]],
     mse([1e-200, 2e-200, 1.0], [0.0, 0.0, 1.0000000000000002]), 'terms of very different sizes'),
]

if __name__ == '__main__':
    write('regression', 'fixtures_regression.py', cases)
