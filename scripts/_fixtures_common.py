"""Shared writer for the catalogue fixture scripts (scripts/fixtures_<family>.py).

Each script lists cases (catalogue id, float64 arguments, a one-line note saying what the case
guards) and evaluates the definition with mpmath at DPS digits on the exact binary values of the
arguments (mpmath.mpf(float) is exact). Values are stored with DIGITS significant digits; the
properties compare decimal.js's reference to them at 42 digits.
"""
import json
from pathlib import Path

import mpmath
from mpmath import mp

DPS = 120
DIGITS = 50


def s(v) -> str:
    return mpmath.nstr(v, DIGITS, strip_zeros=False, min_fixed=1, max_fixed=0)


def write(family: str, script: str, cases) -> None:
    mp.dps = DPS
    out = {
        'generator': f'scripts/{script} (python3 scripts/{script}, from the repository root)',
        'mpmath': mpmath.__version__,
        'dps': DPS,
        'cases': [{'id': i, 'args': a, 'value': s(f()), 'guards': g} for (i, a, f, g) in cases],
    }
    path = Path(__file__).resolve().parent.parent / 'properties' / 'fixtures' / f'{family}.json'
    path.write_text(json.dumps(out, indent=1) + '\n')
    print(f'wrote {len(cases)} cases to {path}')
