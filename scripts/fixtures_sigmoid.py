#!/usr/bin/env python3
"""Writes properties/fixtures/sigmoid.json: mpmath values of the sigmoid family at float64 arguments
(see _fixtures_common.py: exact binary arguments, mpmath at 120 digits, 50 stored digits).
mpmath is the independent oracle; decimal.js (the reference) is what the fixtures test.
Run: python3 scripts/fixtures_sigmoid.py"""
from mpmath import exp, log, log1p, mpf

from _fixtures_common import write

X = lambda v: mpf(v)
sig = lambda z: 1 / (1 + exp(-X(z)))
sp = lambda z: log1p(exp(X(z)))


def bce(p, y):
    p, y = X(p), X(y)
    a = 0 if y == 0 else -y * log(p)
    b = 0 if y == 1 else -(1 - y) * log(1 - p)
    return a + b


cases = [
    ('sigmoid', [0.0], lambda: sig(0.0), 'sigma(0) = 1/2 exactly'),
    ('sigmoid', [-745.0], lambda: sig(-745.0), 'e^-745 is below the subnormal half-ulp: the reference must not lose it'),
    ('sigmoid', [-709.79], lambda: sig(-709.79), 'naive 1/(1+e^-z) overflows e^-z here and returns 0'),
    ('sigmoid', [36.75], lambda: sig(36.75), 'sigma rounds to 1 in float64 above ln 2^53'),
    ('sigmoid', [0.1], lambda: sig(0.1), 'decimal 0.1 is not the double 0.1'),
    ('logSigmoid', [40.0], lambda: log(sig(40.0)), 'log sigma ~ -e^-40: naive log(sigma) gives 0'),
    ('logSigmoid', [-800.0], lambda: log(sig(-800.0)), '~ -800 - e^-800: naive gives -Infinity'),
    ('logSigmoid', [1e-300], lambda: log(sig(1e-300)), '-ln 2 + z/2 for tiny z'),
    ('softplus', [-40.0], lambda: sp(-40.0), 'log1p(e^-40) ~ e^-40: naive log(1 + e^z) gives 0'),
    ('softplus', [710.0], lambda: sp(710.0), 'e^710 overflows: naive gives Infinity'),
    ('softplus', [-1000.0], lambda: sp(-1000.0), 'e^-1000 ~ 5e-435 is below float64 but the reference keeps it'),
    ('softplus', [0.6931471805599453], lambda: sp(0.6931471805599453), 'softplus(ln 2) = ln 3 (near)'),
    ('logit', [0.5000000000000001], lambda: log(X(0.5000000000000001) / (1 - X(0.5000000000000001))),
     'just above 1/2: the result ~ 4.4e-16 must keep its relative accuracy'),
    ('logit', [0.25], lambda: log(X(0.25) / (1 - X(0.25))), '-ln 3: boundary of the log1p branch'),
    ('logit', [5e-324], lambda: log(X(5e-324) / (1 - X(5e-324))), 'smallest subnormal: ~ -744.44'),
    ('logit', [0.9999999999999999], lambda: log(X(0.9999999999999999) / (1 - X(0.9999999999999999))),
     'largest double below 1: ln(2^53 - 1)'),
    ('sigmoidGrad', [40.0], lambda: sig(40.0) * sig(-40.0), 'naive sigma(1 - sigma) gives 0 beyond 36.74'),
    ('sigmoidGrad', [-740.0], lambda: sig(-740.0) * sig(740.0), 'subnormal result'),
    ('sigmoidGrad', [0.0], lambda: mpf(1) / 4, 'maximum 1/4 at z = 0'),
    ('bce', [1e-300, 1], lambda: bce(1e-300, 1), '-log p for tiny p: 690.77...'),
    ('bce', [1e-20, 0], lambda: bce(1e-20, 0), '-log(1 - p) ~ p: naive log(1 - p) gives 0'),
    ('bce', [0.3, 0.7], lambda: bce(0.3, 0.7), 'soft label, both terms'),
    ('bce', [0.9999999999999999, 0.1], lambda: bce(0.9999999999999999, 0.1), 'p next to 1, soft label'),
    ('bceGrad', [0.30000000000000004, 0.3], lambda: (X(0.30000000000000004) - X(0.3)) / (X(0.30000000000000004) * (1 - X(0.30000000000000004))),
     'p - y cancels to one ulp of 0.3'),
    ('bceGrad', [1e-300, 0.5], lambda: (X(1e-300) - X(0.5)) / (X(1e-300) * (1 - X(1e-300))), '-y/p ~ -5e299'),
    ('bceGrad', [0.75, 1], lambda: -1 / X(0.75), 'hard label: -1/p'),
    ('bceWithLogits', [-745.2, 1], lambda: sp(745.2), 'docs/eval.md example: 745.2000000000000454747...'),
    ('bceWithLogits', [50.0, 1], lambda: sp(-50.0), 'softplus(z) - z cancels to e^-50: must not be 0'),
    ('bceWithLogits', [40.0, 0], lambda: sp(40.0), 'naive -log(1 - sigma) is Infinity here'),
    ('bceWithLogits', [3.0, 0.25], lambda: (1 - X(0.25)) * sp(3.0) + X(0.25) * sp(-3.0), 'soft label'),
    ('bceWithLogitsGrad', [40.0, 1], lambda: -sig(-40.0), 'sigma(z) - 1 = -sigma(-z): naive gives 0'),
    ('bceWithLogitsGrad', [1e-10, 0.5], lambda: sig(1e-10) - X(0.5), 'sigma(z) - 1/2 ~ z/4 cancels 10 digits'),
    ('bceWithLogitsGrad', [700.0, 0.9999999999999999], lambda: sig(700.0) - X(0.9999999999999999),
     '1 - y - e^-700: the tail is far below y\'s ulp'),
    ('bceWithLogitsGrad', [0.8472978603872037, 0.7], lambda: sig(0.8472978603872037) - X(0.7),
     'z = fl(logit(0.7)): sigma(z) - y cancels ~16 digits'),
    ('sigmoidSquaredError', [40.0, 1], lambda: sig(-40.0) ** 2, 'sigma(-z)^2 ~ e^-80: naive gives 0'),
    ('sigmoidSquaredError', [-3.0, 0.2], lambda: (sig(-3.0) - X(0.2)) ** 2, 'soft label'),
    ('sigmoidSquaredError', [0.8472978603872037, 0.7], lambda: (sig(0.8472978603872037) - X(0.7)) ** 2,
     'square of a ~16-digit cancellation'),
    ('sigmoidSquaredErrorGrad', [-0.6931471805599453, 1], lambda: 2 * (sig(-0.6931471805599453) - 1) * sig(-0.6931471805599453) * sig(0.6931471805599453),
     'SIG-6 peak: -8/27 at z = -ln 2 (near)'),
    ('sigmoidSquaredErrorGrad', [40.0, 1], lambda: -2 * sig(40.0) * sig(-40.0) ** 2, '-2 sigma sigma(-z)^2 ~ -2e^-80: naive gives 0'),
    ('sigmoidSquaredErrorGrad', [0.8472978603872037, 0.7], lambda: 2 * (sig(0.8472978603872037) - X(0.7)) * sig(0.8472978603872037) * sig(-0.8472978603872037),
     'gradient at sigma(z) ~ y'),
]

if __name__ == '__main__':
    write('sigmoid', 'fixtures_sigmoid.py', cases)
