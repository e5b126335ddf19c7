#!/usr/bin/env python3
"""A lossproof subject backed by PyTorch (docs/protocol.md), float64 tensors on the CPU.

Each catalogue id is answered by the torch call a user would write; gradients come from autograd:

    lossproof check --exec "/usr/bin/python3 examples/subjects/torch_subject.py"

On Debian: apt-get install python3-torch, and run with /usr/bin/python3. The wire encoding (dec/enc)
is imported from python_math.py next to this file.

Documented behaviours the audit is expected to see: F.softplus returns z itself for z > threshold
(default 20); F.binary_cross_entropy clamps each log at -100.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from python_math import serve  # noqa: E402

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)
T = lambda v: torch.tensor(v, dtype=torch.float64)  # noqa: E731


def out(t):
    return t.tolist() if t.dim() > 0 else t.item()


def grad_of(f, z, *rest):
    zt = T(z).requires_grad_(True)
    f(zt, *[T(r) for r in rest]).sum().backward()
    return out(zt.grad)


FUNCTIONS = {
    "sigmoid": lambda z: out(torch.sigmoid(T(z))),
    "logSigmoid": lambda z: out(F.logsigmoid(T(z))),
    "softplus": lambda z: out(F.softplus(T(z))),  # beta=1, threshold=20
    "logit": lambda p: out(torch.logit(T(p))),
    "sigmoidGrad": lambda z: grad_of(torch.sigmoid, z),
    "bce": lambda p, y: out(F.binary_cross_entropy(T(p), T(y), reduction="none")),
    "bceWithLogits": lambda z, y: out(F.binary_cross_entropy_with_logits(T(z), T(y), reduction="none")),
    "bceWithLogitsGrad": lambda z, y: grad_of(
        lambda a, b: F.binary_cross_entropy_with_logits(a, b, reduction="none"), z, y),
    "squaredError": lambda u, y: out(F.mse_loss(T(u), T(y), reduction="none")),
    "logSumExp": lambda z: out(torch.logsumexp(T(z), dim=0)),
    "softmax": lambda z: out(torch.softmax(T(z), dim=0)),
    "logSoftmax": lambda z: out(torch.log_softmax(T(z), dim=0)),
    # probability targets (torch >= 1.10): input [1, K] logits, target [1, K]
    "softmaxCrossEntropy": lambda z, y: F.cross_entropy(T([z]), T([y]), reduction="sum").item(),
    "softmaxCrossEntropyGrad": lambda z, y: grad_of(
        lambda a, b: F.cross_entropy(a.unsqueeze(0), b.unsqueeze(0), reduction="sum"), z, y),
    # KL(q || p) = sum q log(q/p): kl_div takes the log of the second distribution as input
    "klDivergence": lambda q, p: F.kl_div(torch.log(T(p)), T(q), reduction="sum").item(),
}


def main():
    # Any exception a library raises is reported for that input (the host records it as a fault).
    serve("torch-%s" % torch.__version__, FUNCTIONS, catch=(Exception,))


if __name__ == "__main__":
    main()
