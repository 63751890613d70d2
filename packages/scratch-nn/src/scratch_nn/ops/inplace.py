"""In-place helpers: zero_, fill_, copy_, add_/sub_/mul_/div_, clamp_, uniform_, normal_.

They write into the tensor's own array and are not recorded by autograd, so they are allowed only
where torch allows them without tracking: on tensors that do not require grad, and on any tensor
inside `no_grad()` (weight initialization, optimizer steps, `w -= lr * w.grad`).

subtle: the array may be a read-only view (from expand) or be shared with another tensor (from
detach or a view); writing changes every tensor sharing it, exactly as in torch. Unlike torch,
there are no version counters: modifying an array that a recorded op saved for its backward
(a constant input of a graph, say) gives that backward the new values, silently.
"""

import numpy as np

from ..grad_mode import _mode
from ..random import numpy_generator
from ..tensor import Tensor


def check_inplace(x, operation):
    """Refuse to modify a tensor whose values autograd may still need."""
    if _mode.enabled and x._requires_grad:
        if x.grad_fn is None:
            raise RuntimeError(f"{operation}: a leaf tensor that requires grad is being used in an in-place "
                               f"operation; wrap it in `with no_grad():`")
        raise RuntimeError(f"{operation}: in-place modification of a tensor that is part of a graph is not "
                           f"supported; use the out-of-place op")
    if not x.data.flags.writeable:
        raise RuntimeError(f"{operation}: this tensor's array is read-only (an expanded view); clone() it first")


def _value(other):
    return other.data if isinstance(other, Tensor) else other


def _inplace_ufunc(x, other, ufunc, name):
    check_inplace(x, name)
    try:
        ufunc(x.data, _value(other), out=x.data, casting="same_kind")
    except (ValueError, TypeError) as error:  # broadcasting to x's shape (ValueError) or a cast (TypeError)
        kind = TypeError if isinstance(error, TypeError) else ValueError
        raise kind(f"{name}: cannot apply to a tensor of shape {x.shape} and dtype {x.dtype}: {error}") from None
    return x


def add_(x, other):
    """x += other; returns x."""
    return _inplace_ufunc(x, other, np.add, "add_")


def sub_(x, other):
    """x -= other; returns x."""
    return _inplace_ufunc(x, other, np.subtract, "sub_")


def mul_(x, other):
    """x *= other; returns x."""
    return _inplace_ufunc(x, other, np.multiply, "mul_")


def div_(x, other):
    """x /= other (floating tensors only); returns x."""
    if x.data.dtype.kind != "f":
        raise TypeError(f"div_: the result of true division cannot be stored in a tensor of dtype {x.dtype}")
    return _inplace_ufunc(x, other, np.divide, "div_")


def fill_(x, value):
    """Set every entry to `value`; returns x."""
    check_inplace(x, "fill_")
    x.data[...] = _value(value)
    return x


def copy_(x, source):
    """Copy `source` (broadcast to x's shape) into x; returns x."""
    check_inplace(x, "copy_")
    source = _value(source)
    try:
        np.copyto(x.data, source, casting="unsafe")
    except ValueError:
        raise ValueError(f"copy_: source of shape {np.shape(source)} does not broadcast to {x.shape}") from None
    return x


def clamp_(x, min=None, max=None):  # noqa: A002 - torch's argument names
    """Limit x to [min, max] in place; returns x."""
    if min is None and max is None:
        raise ValueError("clamp_: at least one of min and max must be given")
    check_inplace(x, "clamp_")
    np.clip(x.data, min, max, out=x.data)
    return x


def uniform_(x, a=0.0, b=1.0, *, generator=None):
    """Fill x with draws from U(a, b) (floating tensors); returns x."""
    check_inplace(x, "uniform_")
    if x.data.dtype.kind != "f":
        raise TypeError(f"uniform_: needs a floating point tensor, got dtype {x.dtype}")
    draws = numpy_generator(generator).random(x.shape, dtype=np.float64)
    x.data[...] = a + (b - a) * draws
    return x


def normal_(x, mean=0.0, std=1.0, *, generator=None):
    """Fill x with draws from N(mean, std^2) (floating tensors); returns x."""
    check_inplace(x, "normal_")
    if x.data.dtype.kind != "f":
        raise TypeError(f"normal_: needs a floating point tensor, got dtype {x.dtype}")
    if std < 0:
        raise ValueError(f"normal_: std must be >= 0, got {std}")
    x.data[...] = numpy_generator(generator).normal(mean, std, size=x.shape)
    return x
