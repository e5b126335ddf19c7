#!/usr/bin/env python3
"""Expected values for the softmax family's string-in / string-out table, from mpmath.

mpmath is the independent oracle: decimal.js (the reference under test) is never consulted. Inputs are
Python floats, i.e. exact doubles (mpmath.mpf(float) is exact), written to JSON with repr (shortest
round-trip, which JavaScript parses back to the same double). Every value is the definition of docs/catalogue.md
evaluated straightforwardly at DPS decimal digits, which is far more than the cancellation in any case
below needs (the deepest is p_t − 1 ≈ −e^−745 ≈ 1e−324, 324 digits < DPS); for the cases with gaps of
1e300 only ids whose definition does not cancel (softmax, logSoftmax, log-sum-exp, cross-entropy at the
arg-max) are listed. Values are printed with 50 significant digits.

Run: python3 scripts/fixtures_softmax.py > properties/fixtures/softmax.json
"""
import json
import sys

import mpmath

DPS = 500
DIGITS = 50
mpmath.mp.dps = DPS
mpf = mpmath.mpf


def softmax(z):
    m = max(mpf(v) for v in z)
    e = [mpmath.exp(mpf(v) - m) for v in z]
    s = mpmath.fsum(e)
    return [x / s for x in e]


def lse_parts(z):
    """m = max z and log Σ e^(z_k − m) = log1p(Σ over the other terms): the tail keeps e^−1e300."""
    zs = [mpf(v) for v in z]
    i = zs.index(max(zs))
    m = zs[i]
    rest = mpmath.fsum(mpmath.exp(v - m) for k, v in enumerate(zs) if k != i)
    return m, mpmath.log1p(rest)


def lse(z):
    m, t = lse_parts(z)
    return m + t


def log_softmax(z):
    m, t = lse_parts(z)
    return [(mpf(v) - m) - t for v in z]


def ce(z, y):
    m, t = lse_parts(z)
    return mpmath.fsum(mpf(yk) * (t - (mpf(zk) - m)) for zk, yk in zip(z, y) if yk != 0)


def ce_grad(z, y):
    p = softmax(z)
    s = mpmath.fsum(mpf(v) for v in y)
    return [s * pk - mpf(yk) for pk, yk in zip(p, y)]


def se(z, y):
    return mpmath.fsum((pk - mpf(yk)) ** 2 for pk, yk in zip(softmax(z), y))


def se_grad(z, y):
    p = softmax(z)
    d = [pk - mpf(yk) for pk, yk in zip(p, y)]
    c = mpmath.fsum(pj * dj for pj, dj in zip(p, d))
    return [2 * pi * (di - c) for pi, di in zip(p, d)]


FUNCS = {
    'logSumExp': lambda z: lse(z),
    'softmax': softmax,
    'logSoftmax': log_softmax,
    'softmaxCrossEntropy': ce,
    'softmaxCrossEntropyGrad': ce_grad,
    'softmaxSquaredError': se,
    'softmaxSquaredErrorGrad': se_grad,
}

# (id, args, what the case guards)
CASES = [
    ('logSumExp', [[1.0, 2.0, 3.0]], 'typical logits'),
    ('logSumExp', [[-0.6931471805599453, -0.6931471805599453]], 'cancellation: m + log 2 ≈ 2.3e-17'),
    ('logSumExp', [[-1.3862943611198906] * 4], 'cancellation at K = 4: m + log 4 ≈ 0'),
    ('logSumExp', [[0.0, -1e300]], 'tail e^-1e300 below decimal.js range (Tiny) at m = 0'),
    ('logSumExp', [[1000.0, 999.0, -1000.0]], 'large logits: e^1000 overflows a double'),
    ('logSumExp', [[0.1] * 64], 'K = 64 ties: 0.1 + log 64'),
    ('softmax', [[1.0, 2.0, 3.0]], 'typical logits'),
    ('softmax', [[0.0, -740.0]], 'subnormal component'),
    ('softmax', [[0.0, -1e300]], 'component e^-1e300 (Tiny), the other 1 - Tiny'),
    ('softmax', [[710.0, 709.0]], 'no overflow at large equal-scale logits'),
    ('softmax', [[5e-324, 0.0, -5e-324]], 'subnormal logits: differences exact'),
    ('logSoftmax', [[0.0, -40.0, 3.0]], 'arg-max component -log1p(r) without rounding to 0'),
    ('logSoftmax', [[0.0, -800.0]], 'arg-max component -e^-800 far below 2^-1074'),
    ('logSoftmax', [[1e300, -1e300]], 'difference 2e300 in a double-overflowing range'),
    ('softmaxCrossEntropy', [[0.0, -40.0], [1.0, 0.0]], 'confident and right: CE = log1p(e^-40)'),
    ('softmaxCrossEntropy', [[0.0, -40.0], [0.0, 1.0]], 'confident and wrong: CE ≈ 40'),
    ('softmaxCrossEntropy', [[0.5, -0.25, 2.0], [0.2, 0.3, 0.5]], 'soft labels'),
    ('softmaxCrossEntropy', [[3.0, 1.0], [1.0, 1.0]], 'multi-hot labels (Σy = 2)'),
    ('softmaxCrossEntropy', [[0.0, -1e300], [1.0, 0.0]], 'CE = log1p(e^-1e300), a Tiny'),
    ('softmaxCrossEntropyGrad', [[40.0, 0.0, 1.0], [1.0, 0.0, 0.0]], 'p_t - 1 ≈ -1.6e-17 (cancels in float64)'),
    ('softmaxCrossEntropyGrad', [[745.0, 0.0], [1.0, 0.0]], 'p_t - 1 ≈ -e^-745, subnormal'),
    ('softmaxCrossEntropyGrad', [[0.3, 0.1, -2.0], [0.5, 0.3, 0.2]], 'soft labels'),
    ('softmaxCrossEntropyGrad', [[0.0, 0.0], [0.5, 0.49999999999999994]], 'soft p ≈ y: cancellation of 53 bits'),
    ('softmaxCrossEntropyGrad', [[2.0, 1.0, 0.0], [1.0, 1.0, 0.0]], 'multi-hot: (Σy)p - y with Σy = 2'),
    ('softmaxSquaredError', [[40.0, 0.0], [1.0, 0.0]], '2e^-80-size loss from p_t ≈ 1'),
    ('softmaxSquaredError', [[0.3, 0.1, -2.0], [0.5, 0.3, 0.2]], 'soft labels'),
    ('softmaxSquaredError', [[0.0, -30.0], [0.0, 1.0]], 'confident and wrong: ≈ 2'),
    ('softmaxSquaredErrorGrad', [[40.0, 0.0, 1.0], [1.0, 0.0, 0.0]], 'd_t - Σ p_j d_j cancels at p_t ≈ 1'),
    ('softmaxSquaredErrorGrad', [[0.3, 0.1, -2.0], [0.5, 0.3, 0.2]], 'soft labels'),
    ('softmaxSquaredErrorGrad', [[0.0, -30.0], [0.0, 1.0]], 'confident and wrong: gradient ≈ 4e^-30'),
    ('softmaxSquaredErrorGrad', [[700.0, 0.0, 1.0], [0.0, 1.0, 0.0]], 'saturated, wrong: e^-699-size components'),
]


def fmt(v):
    if v == 0:
        return '0'
    return mpmath.nstr(v, DIGITS, min_fixed=1, max_fixed=0)


def main():
    out = {
        'generator': 'scripts/fixtures_softmax.py',
        'oracle': f'mpmath {mpmath.__version__}',
        'dps': DPS,
        'digits': DIGITS,
        'cases': [],
    }
    for fid, args, comment in CASES:
        v = FUNCS[fid](*args)
        value = [fmt(x) for x in v] if isinstance(v, list) else fmt(v)
        out['cases'].append({'id': fid, 'args': args, 'value': value, 'comment': comment})
    # One case per line, so that a diff of the fixtures shows which case changed.
    head = {k: v for k, v in out.items() if k != 'cases'}
    lines = [json.dumps(c, ensure_ascii=False) for c in out['cases']]
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "cases": [\n' + ',\n'.join(lines) + '\n]}\n'
    sys.stdout.write(text)


if __name__ == '__main__':
    main()
