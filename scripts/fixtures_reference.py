#!/usr/bin/env python3
"""Writes properties/fixtures/reference.json: independent oracle values for the reference core's tests.

The oracles are Python's `decimal.Decimal(float)` (the exact value of a double, from its bits) and
mpmath 1.3.0 at far more digits than the values are checked to. Inputs are stored as the 64-bit
pattern of the double (hex), so that no decimal string stands between the fixture and the double.

Run from the repository root:  python3 scripts/fixtures_reference.py
"""
import json
import math
import struct
import sys
from decimal import Decimal as PyDecimal
from pathlib import Path

import mpmath
from mpmath import mp, mpf

OUT = Path(__file__).resolve().parent.parent / 'properties' / 'fixtures' / 'reference.json'
DIGITS = 60  # significant digits stored for every mpmath value


def bits(x: float) -> str:
    return struct.pack('>d', x).hex()


def s(v, n=DIGITS) -> str:
    return mpmath.nstr(v, n, strip_zeros=False, min_fixed=1, max_fixed=0)


def exact_cases():
    """Exact decimal expansions of doubles and float32 values, by Python's exact Decimal(float)."""
    f32 = lambda x: struct.unpack('>f', struct.pack('>f', x))[0]
    xs = [
        ('0.1', 0.1), ('-0.1', -0.1), ('1/3', 1 / 3), ('pi', math.pi), ('1e300', 1e300), ('1e-300', 1e-300),
        ('smallest subnormal', 5e-324), ('largest subnormal', struct.unpack('>d', bytes.fromhex('000fffffffffffff'))[0]),
        ('smallest normal', 2.2250738585072014e-308), ('MAX_VALUE', sys.float_info.max), ('-MAX_VALUE', -sys.float_info.max),
        ('2^53 + 2', 2.0 ** 53 + 2), ('1 - 2^-53', 1 - 2.0 ** -53),
        ('float32 0.1', f32(0.1)), ('float32 1/3', f32(1 / 3)), ('float32 max', f32(3.4028234663852886e38)),
        ('float32 smallest subnormal', f32(1.401298464324817e-45)), ('float32 smallest normal', f32(1.1754943508222875e-38)),
    ]
    return [{'name': n, 'bits': bits(x), 'exact': str(PyDecimal(x))} for n, x in xs]


def elementary_cases():
    """log1p and expm1 at doubles across regimes: tiny, the series boundary (1e−20), near −1, large."""
    mp.dps = 200
    cases = []
    log1p_x = [1e-300, -1e-300, 5e-324, 1e-21, -1e-21, 9.999999999999999e-21, 1e-20, 2e-20, 1e-10, -1e-10,
               0.5, -0.5, 1.0, 10.0, 709.0, 1e300, sys.float_info.max,
               -1 + 2.0 ** -53, -0.9999, -0.5000000000000001]
    for x in log1p_x:
        cases.append({'fn': 'log1p', 'bits': bits(x), 'x': repr(x), 'value': s(mpmath.log1p(mpf(x)))})
    expm1_x = [1e-300, -1e-300, 5e-324, 1e-21, -1e-21, 9.999999999999999e-21, 1e-20, 2e-20, 1e-10, -1e-10,
               0.5, -0.5, 1.0, -40.0, -745.0, 700.0, 709.782712893384, 1e5, -1e5]
    for x in expm1_x:
        cases.append({'fn': 'expm1', 'bits': bits(x), 'x': repr(x), 'value': s(mpmath.expm1(mpf(x)))})
    return cases


def tiny_cases():
    """Values far below decimal.js's range (10^−9e15), as 50 significant digits and a decimal exponent.

    a = e^(−1e300) with −1e300 the double; b = a·e^−1. The exponent of a has 300 digits, so the
    working precision is 700 digits: 300 for the integer part of log10 and the rest for the mantissa.
    """
    mp.dps = 700
    la = mpf(-1e300)
    a = mpmath.exp(la)
    b = mpmath.exp(la - 1)
    out = []

    def put(name, v):
        if abs(v) > mpf('1e-1000000'):
            out.append({'name': name, 'value': s(v, 50)})
            return
        # mpmath prints such a value as mantissa e exponent; split so the test can compare both parts.
        text = mpmath.nstr(v, 50, strip_zeros=False, min_fixed=1, max_fixed=0)
        mant, exp = text.split('e')
        out.append({'name': name, 'mantissa': mant, 'exponent': exp})

    put('a', a)
    put('a + a', a + a)
    put('a - b', a - b)
    put('a * a', a * a)
    put('a * 3', a * 3)
    put('a / 3', a / 3)
    put('a / b', a / b)
    put('-a', -a)
    return {'lnA': repr(-1e300), 'lnABits': bits(-1e300), 'cases': out}


def cancellation_cases():
    """σ(z) − y where σ(z) and y agree to many digits: fixed 64-digit arithmetic loses the answer.

    - z = 700, y = 1: σ(z) − 1 = −σ(−700) ≈ −9.86e−305; at 64 digits σ(700) rounds to 1 and the
      difference to 0.
    - z = the double nearest ln(2^53 − 1), y = 1 − 2^−53: σ(−z) ≈ 2^−53 = 1 − y, so σ(z) − y is
      about 2^−53·|z − ln(2^53 − 1)| ≈ 1e−31, and 64 digits of σ(z) ≈ 1 leave about 33 of it.
    """
    mp.dps = 1200
    out = []
    z2 = float(mpmath.log(2 ** 53 - 1))
    for z, y in [(700.0, 1.0), (z2, 1 - 2.0 ** -53)]:
        v = 1 / (1 + mpmath.exp(-mpf(z))) - mpf(y)
        out.append({'zBits': bits(z), 'z': repr(z), 'yBits': bits(y), 'y': repr(y), 'value': s(v)})
    return out


def main():
    data = {
        'generatedBy': 'scripts/fixtures_reference.py',
        'oracles': f'Python decimal.Decimal(float) (exact), mpmath {mpmath.__version__}',
        'digits': DIGITS,
        'exact': exact_cases(),
        'elementary': elementary_cases(),
        'tiny': tiny_cases(),
        'cancellation': cancellation_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + '\n')
    print(f'wrote {OUT}')


if __name__ == '__main__':
    main()
