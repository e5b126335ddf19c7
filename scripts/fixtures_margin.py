#!/usr/bin/env python3
"""Writes properties/fixtures/margin.json: mpmath values of hinge, hingeGrad and multiclassHinge at
float64 arguments (see _fixtures_common.py). Run: python3 scripts/fixtures_margin.py"""
from mpmath import mpf

from _fixtures_common import write

X = lambda v: mpf(v)


def hinge(z, t):
    return lambda: max(mpf(0), 1 - X(t) * X(z))


def hgrad(z, t):
    return lambda: -X(t) if X(t) * X(z) < 1 else mpf(0)


def mch(z, k):
    return lambda: max(mpf(0), 1 + max(X(v) for j, v in enumerate(z) if j != k) - X(z[k]))


cases = [
    ('hinge', [0.3, 1], hinge(0.3, 1), 'decimal 0.3 is not the double: 1 - 0.3 exact value'),
    ('hinge', [-1e17, 1], hinge(-1e17, 1), 'large margin violation: 1 + 1e17'),
    ('hinge', [0.9999999999999999, 1], hinge(0.9999999999999999, 1), 'just inside the margin: 2^-53'),
    ('hinge', [2.5, -1], hinge(2.5, -1), 't = -1'),
    ('hingeGrad', [0.9999999999999999, 1], hgrad(0.9999999999999999, 1), 'just below the kink: -t'),
    ('hingeGrad', [-1.0000000000000002, -1], hgrad(-1.0000000000000002, -1), 'just beyond the kink for t = -1: 0'),
    ('multiclassHinge', [[1e17, 1e17], 0], mch([1e17, 1e17], 0), 'tie of huge logits: the 1 must survive'),
    ('multiclassHinge', [[0.1, 0.7, -3.0], 2], mch([0.1, 0.7, -3.0], 2), 'ordinary violation'),
    ('multiclassHinge', [[1.0, 0.1, 2.0000000000000004], 2], mch([1.0, 0.1, 2.0000000000000004], 2),
     '1 + max - z_k cancels to -2^-51: clipped to 0'),
    ('multiclassHinge', [[1.0, 0.1, 1.9999999999999998], 2], mch([1.0, 0.1, 1.9999999999999998], 2),
     '1 + max - z_k cancels to 2^-52'),
]

if __name__ == '__main__':
    write('margin', 'fixtures_margin.py', cases)
