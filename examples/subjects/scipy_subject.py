#!/usr/bin/env python3
"""A lossproof subject backed by SciPy/NumPy (docs/protocol.md), float64.

Each catalogue id is answered by the SciPy/NumPy call a user would write, not by a careful formula:

    lossproof check --exec "/usr/bin/python3 examples/subjects/scipy_subject.py"

On Debian: apt-get install python3-scipy, and run with /usr/bin/python3. The wire encoding (dec/enc)
is imported from python_math.py next to this file.
"""

import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from python_math import serve  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.special as sp  # noqa: E402
import scipy.stats as st  # noqa: E402

warnings.simplefilter("ignore")  # divide-by-zero / invalid warnings go to stderr anyway; keep it quiet
np.seterr(all="ignore")

f64 = lambda v: np.asarray(v, dtype=np.float64)  # noqa: E731


def bce(p, y):
    p, y = f64(p), f64(y)
    return -(sp.xlogy(y, p) + sp.xlog1py(1.0 - y, -p))


FUNCTIONS = {
    "sigmoid": lambda z: sp.expit(f64(z)),
    "logit": lambda p: sp.logit(f64(p)),
    "softplus": lambda z: np.logaddexp(0.0, f64(z)),
    "logSumExp": lambda z: sp.logsumexp(f64(z)),
    "softmax": lambda z: sp.softmax(f64(z)).tolist(),
    "logSoftmax": lambda z: sp.log_softmax(f64(z)).tolist(),
    "entropy": lambda p: st.entropy(f64(p)),  # natural log; normalises p first
    "klDivergence": lambda q, p: np.sum(sp.rel_entr(f64(q), f64(p))),
    "crossEntropy": lambda p, y: -np.sum(sp.xlogy(f64(y), f64(p))),
    "bce": bce,
}
if hasattr(sp, "log_expit"):  # SciPy >= 1.8
    FUNCTIONS["logSigmoid"] = lambda z: sp.log_expit(f64(z))


def main():
    # Any exception a library raises is reported for that input (the host records it as a fault).
    serve("scipy-%s-numpy-%s" % (scipy.__version__, np.__version__), FUNCTIONS, convert=lambda r: r if isinstance(r, list) else float(r), catch=(Exception,))


if __name__ == "__main__":
    main()
