"""How a loss turns its per-element values into the returned tensor, and back in the backward pass.

    reduction="none"  loss = l                      dL/dl_i = g_i
    reduction="sum"   loss = sum_i l_i              dL/dl_i = g           (g is a scalar)
    reduction="mean"  loss = sum_i l_i / D          dL/dl_i = g / D

D is the number of elements for most losses; a weighted classification loss divides by the sum
of the weights of its targets instead (see cross_entropy), so the divisor is an argument.
"""

import numpy as np

REDUCTIONS = ("none", "mean", "sum")


def check_reduction(reduction, loss_name):
    """Reject anything but 'none', 'mean' and 'sum' with a message naming the loss and the value."""
    if not isinstance(reduction, str) or reduction not in REDUCTIONS:
        raise ValueError(f"{loss_name}: reduction must be 'none', 'mean' or 'sum', got {reduction!r}")
    return reduction


def reduce_loss(per_element, reduction, divisor=None):
    """The forward reduction of `per_element` (any shape); `divisor` defaults to its size."""
    if reduction == "none":
        return per_element
    total = np.sum(per_element)  # 0-d, same dtype as per_element
    if reduction == "sum":
        return total
    divisor = per_element.size if divisor is None else divisor
    return np.asarray(total / divisor, dtype=per_element.dtype)


def per_element_grad(grad, reduction, shape, divisor=None):
    """dL/dl for every element: the upstream `grad` spread back over `shape` (read-only view).

    subtle: for 'sum' and 'mean' this is a broadcast of a scalar, so callers must multiply it
    into a new array, never write into it.
    """
    if reduction == "none":
        return grad
    if reduction == "mean":
        divisor = float(np.prod(shape)) if divisor is None else divisor
        grad = grad / divisor
    return np.broadcast_to(grad, shape)
