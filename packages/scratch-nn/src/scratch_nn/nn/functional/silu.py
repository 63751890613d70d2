"""silu(x) = x * sigmoid(x) (the swish activation), as torch.nn.functional.silu.

    d silu / dx = s + x s (1 - s) = s (1 + x (1 - s)),    s = sigmoid(x)
"""

import numpy as np

from ...autograd import record
from ...tensor import Tensor


def silu(input, inplace=False):  # noqa: A002 - torch's argument name
    """x * sigmoid(x); `inplace` is accepted for torch's signature and ignored (a new tensor is returned)."""
    if not isinstance(input, Tensor) or input.data.dtype.kind != "f":
        raise TypeError("silu: needs a floating point Tensor")
    x = input.data
    exp_minus_abs = np.exp(-np.abs(x))  # (...) in (0, 1]: no overflow
    sig = np.where(x >= 0, 1.0, exp_minus_abs) / (1.0 + exp_minus_abs)
    y = x * sig

    def backward(grad):
        return (grad * (sig * (1.0 + x * (1.0 - sig))),)

    return record(y, (input,), backward, "SiluBackward0")


__all__ = ["silu"]
