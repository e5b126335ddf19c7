#!/usr/bin/env python3
"""CVX-4 fixtures: 1-D datasets (no bias, hard labels) whose sigmoid + square-loss risk
R(w) = sum_i (sigma(w x_i) - y_i)^2 has two local minima in the scalar weight w.

Search (float64, seeded): random datasets of 2..6 points with x_i in a small dyadic set and
y_i in {0, 1}; R'(w) is scanned on the grid w = k/16, |w| <= 12. A dataset is kept when R' changes
sign from - to + in two grid cells (two local minima) with a barrier (max of R between them) at
least 0.05 above both minima.

Certification (mpmath, 50 digits, independent of the float search): at each bracket end w = k/16
(a dyadic, so w*x_i is exact) R'(a) < 0 < R'(b) for both minima, and R'(c) > 0 > R'(d) for the
local maximum between them; by the intermediate value theorem each bracket holds a stationary
point, and a sign change - to + is a local minimum. The property test re-checks these signs with
the catalogue's reference (properties/claims/cvx.test.ts, CVX-4).

Run: python3 scripts/cvx4_local_minima.py  (writes properties/fixtures/cvx4-local-minima.json)
"""
import json
import math
import random

import mpmath as mp

DPS = 50
SEED = 3
XS = [-8, -6, -4, -3, -2, -1, -0.5, -0.25, 0.25, 0.5, 1, 2, 3, 4, 6, 8]
GRID = [k / 16 for k in range(-12 * 16, 12 * 16 + 1)]


def sig(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def risk(w, data):
    return sum((sig(w * x) - y) ** 2 for x, y in data)


def drisk(w, data):
    return sum(2 * (sig(w * x) - y) * sig(w * x) * sig(-w * x) * x for x, y in data)


def drisk_mp(w, data):
    mp.mp.dps = DPS
    total = mp.mpf(0)
    for x, y in data:
        z = mp.mpf(w) * mp.mpf(x)
        s = 1 / (1 + mp.exp(-z))
        total += 2 * (s - y) * s * (1 - s) * x
    return total


def search(count):
    rng = random.Random(SEED)
    found = []
    for _ in range(30000):
        n = rng.randint(2, 6)
        data = [(rng.choice(XS), rng.choice([0, 1])) for _ in range(n)]
        g = [drisk(w, data) for w in GRID]
        minima = [(GRID[i], GRID[i + 1]) for i in range(len(GRID) - 1) if g[i] < -1e-6 and g[i + 1] > 1e-6]
        if len(minima) != 2:
            continue
        lo, hi = minima[0][1], minima[1][0]
        inner = [w for w in GRID if lo <= w <= hi]
        top = max(inner, key=lambda w: risk(w, data))
        depth = risk(top, data) - max(risk(minima[0][0], data), risk(minima[1][1], data))
        if depth < 0.05:
            continue
        i = GRID.index(top)
        maximum = (GRID[i - 1], GRID[i + 1]) if drisk(GRID[i - 1], data) > 0 > drisk(GRID[i + 1], data) else None
        if maximum is None:
            continue
        ok = all(drisk_mp(a, data) < 0 < drisk_mp(b, data) for a, b in minima) and drisk_mp(maximum[0], data) > 0 > drisk_mp(
            maximum[1], data
        )
        if ok and data not in [f["points"] for f in found]:
            found.append({"points": [list(p) for p in data], "minima": [list(b) for b in minima], "maximum": list(maximum), "depth": round(depth, 6)})
            if len(found) == count:
                break
    return found


def main():
    datasets = search(2)
    out = {
        "generated_by": "scripts/cvx4_local_minima.py",
        "method": "seeded float64 grid search of R'(w) on w = k/16, |w| <= 12; sign changes certified with mpmath",
        "mpmath_version": mp.__version__,
        "dps": DPS,
        "seed": SEED,
        "risk": "R(w) = sum_i (sigmoid(w*x_i) - y_i)^2",
        "datasets": datasets,
    }
    with open("properties/fixtures/cvx4-local-minima.json", "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(json.dumps(datasets))


if __name__ == "__main__":
    main()
