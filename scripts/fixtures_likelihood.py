#!/usr/bin/env python3
"""Writes properties/fixtures/likelihood.json: mpmath values of gaussianNll, gaussianNllGradMu,
bernoulliNll and categoricalNll at float64 arguments (see _fixtures_common.py).
Run: python3 scripts/fixtures_likelihood.py"""
import mpmath
from mpmath import mp, mpf

from _fixtures_common import write

X = lambda v: mpf(v)


def gnll(mu, y, v):
    return lambda: mpmath.log(2 * mp.pi * X(v)) / 2 + (X(y) - X(mu)) ** 2 / (2 * X(v))


def ggrad(mu, y, v):
    return lambda: (X(mu) - X(y)) / X(v)


def bern(p, y):
    return lambda: -mpmath.log(X(p)) if y == 1 else -mpmath.log1p(-X(p))


def cat(p, k):
    return lambda: -mpmath.log(X(p[k]))


def balanced(v):
    """(mu, y) with y - mu within ~2^-106 of sqrt(-v*log(2*pi*v)): gaussianNll cancels to ~2^-100."""
    mp.dps = 120
    c = mpmath.sqrt(-X(v) * mpmath.log(2 * mp.pi * X(v)))
    y = float(c)
    mu = float(X(y) - c)
    return mu, y


mu1, y1 = balanced(0.01)
mu2, y2 = balanced(1e-300)

cases = [
    ('gaussianNll', [0.0, 1.0, 1.0], gnll(0.0, 1.0, 1.0), 'standard normal at one sigma'),
    ('gaussianNll', [0.1, 0.2, 0.01], gnll(0.1, 0.2, 0.01), 'negative log term, partial cancellation'),
    ('gaussianNll', [mu1, y1, 0.01], gnll(mu1, y1, 0.01), 'terms balance to ~2^-100 relative: deep cancellation'),
    ('gaussianNll', [mu2, y2, 1e-300], gnll(mu2, y2, 1e-300), 'deep cancellation at v = 1e-300'),
    ('gaussianNll', [0.0, 0.0, 0.15915494309189535], gnll(0.0, 0.0, 0.15915494309189535), '2*pi*v next to 1, y = mu'),
    ('gaussianNll', [0.0, 1e200, 1e300], gnll(0.0, 1e200, 1e300), '(y - mu)^2 above MAX, quotient representable'),
    ('gaussianNll', [-1e308, 1e308, 1e300], gnll(-1e308, 1e308, 1e300), 'y - mu itself above MAX'),
    ('gaussianNllGradMu', [0.1, 0.3, 3.0], ggrad(0.1, 0.3, 3.0), 'ordinary values'),
    ('gaussianNllGradMu', [1e308, -1e308, 10.0], ggrad(1e308, -1e308, 10.0), 'mu - y above MAX, quotient representable'),
    ('gaussianNllGradMu', [1.0, 1.0000000000000002, 1e-300], ggrad(1.0, 1.0000000000000002, 1e-300), 'tiny v'),
    ('bernoulliNll', [1e-20, 0], bern(1e-20, 0), 'y = 0, tiny p: -log1p(-p), never 1 - p'),
    ('bernoulliNll', [0.3, 1], bern(0.3, 1), 'y = 1'),
    ('bernoulliNll', [0.9999999999999999, 0], bern(0.9999999999999999, 0), 'y = 0, p = 1 - 2^-53'),
    ('bernoulliNll', [5e-324, 1], bern(5e-324, 1), 'smallest subnormal p'),
    ('categoricalNll', [[0.2, 0.8], 1], cat([0.2, 0.8], 1), 'ordinary'),
    ('categoricalNll', [[0.9999999999999999, 1e-300], 0], cat([0.9999999999999999, 1e-300], 0), 'p_k next to 1'),
]

if __name__ == '__main__':
    write('likelihood', 'fixtures_likelihood.py', cases)
