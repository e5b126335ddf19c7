#!/usr/bin/env python3
"""A lossproof subject in Python, standard library only (docs/protocol.md).

Careful float64 formulas for several catalogue ids, served over the JSON-lines protocol:

    lossproof check --exec "python3 examples/subjects/python_math.py"

Every formula avoids the cancellations the audit looks for: sigma(-z) rather than 1 - sigma(z),
log1p/expm1 near 1 and 0, e^-|z| (never overflows), log-sum-exp around the arg-max with log1p of
the remaining terms, and BCE-with-logits written as (1 - y)*z + softplus(-z) for z >= 0 (no
softplus(z) - y*z cancellation at y = 1). Python raises on log(0) and on exp/pow overflow where
IEEE arithmetic returns +-inf, so those edges are handled explicitly.
"""

import json
import math
import sys

INF = math.inf
NAN = math.nan


# ---- wire encoding (docs/protocol.md): numbers, "NaN", "Infinity", "-Infinity", "-0" ----

NAMED = {"NaN": NAN, "Infinity": INF, "-Infinity": -INF, "-0": -0.0}


def dec(v):
    if isinstance(v, list):
        return [dec(x) for x in v]
    if isinstance(v, str):
        return NAMED[v] if v in NAMED else float(v)
    return v  # ints stay ints (class indices); floats are exact (json parses with correct rounding)


def enc(x):
    if isinstance(x, list):
        return [enc(v) for v in x]
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0.0 and math.copysign(1.0, x) < 0:
        return "-0"
    return x  # json.dumps writes repr(x): the shortest string that reads back as x


# ---- building blocks ----

def sigmoid(z):
    if math.isnan(z):
        return NAN
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def softplus(z):
    """log(1 + e^z) = max(z, 0) + log1p(e^-|z|): e^-|z| <= 1 never overflows."""
    if math.isnan(z):
        return NAN
    if z == INF:
        return INF
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def log_sigmoid(z):
    return -softplus(-z)


def logit(p):
    if math.isnan(p):
        return NAN
    if p == 0.0:
        return -INF
    if p == 1.0:
        return INF
    if 0.25 <= p <= 0.75:
        # Near p = 1/2 the two logs of log(p) - log(1 - p) cancel; 2p - 1 is exact here.
        return math.log1p((2.0 * p - 1.0) / (1.0 - p))
    return math.log(p / (1.0 - p))


def sigmoid_grad(z):
    """sigma(z) sigma(-z) = e^-|z| / (1 + e^-|z|)^2."""
    if math.isnan(z):
        return NAN
    e = math.exp(-abs(z))
    return e / ((1.0 + e) * (1.0 + e))


def bce_with_logits(z, y):
    if math.isnan(z) or math.isnan(y):
        return NAN
    if z == INF:
        return 0.0 if y == 1.0 else INF
    if z == -INF:
        return 0.0 if y == 0.0 else INF
    if z >= 0:
        return (1.0 - y) * z + softplus(-z)  # softplus(z) = z + softplus(-z)
    return softplus(z) - y * z  # both terms >= 0 for z < 0: no cancellation


def bce_with_logits_grad(z, y):
    """sigma(z) - y; for z >= 0 written (1 - y) - sigma(-z), exact 1 - y for y >= 1/2."""
    if z >= 0:
        return (1.0 - y) - sigmoid(-z)
    return sigmoid(z) - y


def xlogy(x, y):
    """x*log(y) with 0*log(0) = 0."""
    if x == 0.0:
        return 0.0
    if y == 0.0:
        return -INF if x > 0 else INF
    return x * math.log(y)


def bce(p, y):
    if math.isnan(p) or math.isnan(y):
        return NAN
    # log(1 - p) as log1p(-p): exact argument, no rounding of 1 - p.
    t1 = -xlogy(y, p)
    t0 = 0.0 if y == 1.0 else (INF if p == 1.0 else -(1.0 - y) * math.log1p(-p))
    return t1 + t0


def squared_error(u, y):
    d = u - y
    return d * d  # not d ** 2: pow raises OverflowError where IEEE gives inf


def hinge(z, t):
    return max(0.0, 1.0 - t * z)


def hinge_grad(z, t):
    return -t if t * z < 1.0 else 0.0


def lse_parts(z):
    """(m, i, s): the arg-max m = z[i] and s = sum over j != i of e^(z_j - m), each term <= 1."""
    i = max(range(len(z)), key=lambda k: z[k])
    m = z[i]
    s = math.fsum(math.exp(z[j] - m) for j in range(len(z)) if j != i)
    return m, i, s


def has_special(z):
    return any(math.isnan(v) or math.isinf(v) for v in z)


def log_sum_exp(z):
    if any(math.isnan(v) for v in z):
        return NAN
    m = max(z)
    if math.isinf(m):
        return m  # +inf dominates; all -inf gives -inf
    m, _, s = lse_parts([v for v in z])
    return m + math.log1p(s)


def log_softmax(z):
    if any(math.isnan(v) for v in z):
        return [NAN] * len(z)
    if has_special(z):
        return special_log_softmax(z)
    m, _, s = lse_parts(z)
    l = math.log1p(s)
    return [(v - m) - l for v in z]  # both terms <= 0: no cancellation


def special_log_softmax(z):
    m = max(z)
    if m == -INF:
        return [NAN] * len(z)
    if m == INF:
        n = sum(1 for v in z if v == INF)
        return [NAN] * len(z) if n > 1 else [0.0 if v == INF else -INF for v in z]
    finite = [v for v in z if v != -INF]
    mm, _, s = lse_parts(finite)
    l = math.log1p(s)
    return [-INF if v == -INF else (v - mm) - l for v in z]


def softmax(z):
    return [math.exp(v) if not math.isnan(v) else NAN for v in log_softmax(z)]


def softmax_cross_entropy(z, y):
    if has_special(z) or any(math.isnan(v) for v in y):
        # The limits of docs/catalogue.md#values-at-the-edges: a term with y_k = 0 is 0 even where
        # log softmax is -inf. (Plain sum: fsum raises on inf - inf.)
        return -sum(0.0 if yk == 0.0 else yk * lk for yk, lk in zip(y, log_softmax(z)))
    m, _, s = lse_parts(z)
    l = math.log1p(s)
    # y_k (lse - z_k) = y_k ((m - z_k) + log1p(s)): every term >= 0, so an overflow of the exact sum
    # (fsum raises OverflowError) means the result is above the largest double.
    try:
        return math.fsum(yk * ((m - zk) + l) for zk, yk in zip(z, y) if yk != 0.0)
    except OverflowError:
        return INF


# ---- the protocol ----

FUNCTIONS = {
    "sigmoid": sigmoid,
    "logSigmoid": log_sigmoid,
    "softplus": softplus,
    "logit": logit,
    "sigmoidGrad": sigmoid_grad,
    "bce": bce,
    "bceWithLogits": bce_with_logits,
    "bceWithLogitsGrad": bce_with_logits_grad,
    "squaredError": squared_error,
    "hinge": hinge,
    "hingeGrad": hinge_grad,
    "logSumExp": log_sum_exp,
    "softmax": softmax,
    "logSoftmax": log_softmax,
    "softmaxCrossEntropy": softmax_cross_entropy,
}


def answer(req, functions=FUNCTIONS, convert=lambda r: r, catch=(ValueError, OverflowError, ZeroDivisionError)):
    """One reply: each batch entry's result (passed through `convert`) or, for an exception in `catch`, an error."""
    fn = functions.get(req.get("fn"))
    if fn is None:
        return {"id": req.get("id"), "error": "unknown function %r" % req.get("fn")}
    results = []
    for args in req["args"]:
        try:
            results.append(enc(convert(fn(*[dec(a) for a in args]))))
        except catch as e:
            results.append({"error": "%s: %s" % (type(e).__name__, e)})
    return {"id": req["id"], "results": results}


def serve(name, functions=FUNCTIONS, **answer_options):
    """The protocol loop (docs/protocol.md): the handshake line, then one reply line per request line."""
    out = sys.stdout
    out.write(json.dumps({"protocol": "lossproof-subject", "version": 1, "name": name,
                          "dtype": "float64", "ids": list(functions)}) + "\n")
    out.flush()
    for line in sys.stdin:  # ends at EOF: the host closes stdin to stop us
        if not line.strip():
            continue
        out.write(json.dumps(answer(json.loads(line), functions, **answer_options), allow_nan=False) + "\n")
        out.flush()


def main():
    serve("python-math")


if __name__ == "__main__":
    main()
