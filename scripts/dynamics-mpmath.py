#!/usr/bin/env python3
"""Independent recomputation (mpmath, 40 digits) of the DYN-2 and DYN-6 tables (proofs/dynamics.md).

The counts asserted in properties/claims/dyn.test.ts come from this script and agree with the
decimal.js runs that use the catalogue's reference gradients. Run: python3 scripts/dynamics-mpmath.py
Each step size / hyper-parameter is the double it denotes (mpf(0.1) is the binary 0.1).
"""
from mpmath import mp, mpf, exp, sqrt

mp.dps = 40


def sig(z):
    return 1 / (1 + exp(-z))


def gd_steps(a, eta, kind, cap=10**6):
    """First t with z_t >= 0 for GD on the single logit, y = 1, from z0 = -a."""
    z, t = mpf(-a), 0
    while z < 0 and t < cap:
        s = sig(z)
        g = (1 - s) if kind == "ce" else 2 * s * (1 - s) ** 2  # minus the gradient, y = 1
        z, t = z + mpf(eta) * g, t + 1
    return t


def adam_steps(kind, lr, z0=-10, cap=10**5):
    z, m, v, t = mpf(z0), mpf(0), mpf(0), 0
    b1, b2, eps = mpf(0.9), mpf(0.999), mpf(1e-8)
    while z < 0 and t < cap:
        s = sig(z)
        g = -(1 - s) if kind == "ce" else -2 * s * (1 - s) ** 2
        t += 1
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        z = z - mpf(lr) * (m / (1 - b1**t)) / (sqrt(v / (1 - b2**t)) + eps)
    return t


if __name__ == "__main__":
    print("DYN-2  a  eta  T_CE  ceil(2a/eta)  T_SE  (e^a-1)/(2eta)")
    for a, eta in [(10, 1), (5, 0.1)]:
        print(a, eta, gd_steps(a, eta, "ce"), -(-2 * a // eta), gd_steps(a, eta, "se"), (exp(a) - 1) / (2 * mpf(eta)))
    print("DYN-6  lr  Adam T_CE  Adam T_SE")
    for lr in [0.01, 0.1]:
        print(lr, adam_steps("ce", lr), adam_steps("se", lr))
