"""Elementwise math: exp, log, sqrt, abs, clamp, maximum/minimum, where, masked_fill, casts.

Each op's backward multiplies the upstream gradient g by the local derivative:

    exp:  g * exp(x) = g * out        log:  g / x         sqrt: g / (2 * out)
    abs:  g * sign(x)   (0 at x = 0)  clamp: g where min < x < max, else 0 (0 at the bounds, as torch)
    maximum(a, b): g to the larger input; at a tie g / 2 to each (torch's rule)
    where(c, a, b): g to a where c, to b elsewhere     masked_fill: g where the mask is False
    cast (x.to(dtype)): g cast back to x's dtype
"""

import numpy as np

from .._dtypes import get_default_dtype, is_floating, to_dtype
from ..autograd import record
from ..tensor import Tensor
from ._operands import as_tensor, binary_operands, check_broadcastable, unbroadcast


def _float_data(x):
    """x's array, as the default float dtype if it is an integer array (torch: exp(int) -> float)."""
    return x.data if x.data.dtype.kind == "f" else x.data.astype(get_default_dtype())


def exp(x):
    """e ** x."""
    with np.errstate(over="ignore"):
        out = np.exp(_float_data(x))

    def backward(grad):  # d(e^x)/dx = e^x
        return (grad * out,)

    return record(out, (x,), backward, "ExpBackward0")


def log(x):
    """Natural log; log(0) = -inf and log(negative) = nan, as torch (no error)."""
    data = _float_data(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log(data)

    def backward(grad):  # d(log x)/dx = 1/x
        with np.errstate(divide="ignore", invalid="ignore"):
            return (grad / data,)

    return record(out, (x,), backward, "LogBackward0")


def sqrt(x):
    """Square root; sqrt(negative) = nan, as torch."""
    with np.errstate(invalid="ignore"):
        out = np.sqrt(_float_data(x))

    def backward(grad):  # d(sqrt x)/dx = 1 / (2 sqrt x)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (grad / (out + out),)

    return record(out, (x,), backward, "SqrtBackward0")


def abs(x):  # noqa: A001 - torch's name
    """|x|."""
    data = x.data

    def backward(grad):  # d|x|/dx = sign(x), taken as 0 at 0
        return (grad * np.sign(data),)

    return record(np.abs(data), (x,), backward, "AbsBackward0")


def clamp(x, min=None, max=None):  # noqa: A002 - torch's argument names
    """Limit x to [min, max] (either bound may be None; if min > max every entry becomes max)."""
    if min is None and max is None:
        raise ValueError("clamp: at least one of min and max must be given")
    for bound in (min, max):
        if bound is not None and not isinstance(bound, (int, float, np.number)):
            raise TypeError(f"clamp: min and max must be numbers, got {type(bound).__name__}")
    data = x.data
    if data.dtype.kind != "f" and (isinstance(min, float) or isinstance(max, float)):
        data = data.astype(get_default_dtype())  # int tensor, float bound -> float result (as torch)
    low = None if min is None else np.array(min, dtype=data.dtype)
    high = None if max is None else np.array(max, dtype=data.dtype)
    out = np.clip(data, low, high)

    def backward(grad):  # 1 strictly inside (min, max); 0 at a bound and beyond (torch 2's rule)
        inside = np.ones(data.shape, dtype=bool)
        if min is not None:
            inside &= data > low
        if max is not None:
            inside &= data < high
        return (grad * inside,)

    return record(out, (x,), backward, "ClampBackward1")


def _extremum(a, b, pick, name):
    a, b, a_data, b_data = binary_operands(a, b)
    check_broadcastable(a.shape, b.shape, name)
    out = pick(a_data, b_data)

    def backward(grad):  # the larger (smaller) input takes g; a tie splits it in halves
        a_wins = (a_data == out).astype(grad.dtype)
        b_wins = (b_data == out).astype(grad.dtype)
        # subtle: both win at a tie, each takes g / 2; neither wins next to a NaN (max 1 avoids 0/0)
        share = grad / np.maximum(a_wins + b_wins, 1)
        return (unbroadcast(share * a_wins, a.shape) if a._requires_grad else None,
                unbroadcast(share * b_wins, b.shape) if b._requires_grad else None)

    return record(out, (a, b), backward, name.capitalize() + "Backward0")


def maximum(a, b):
    """Elementwise max of a and b (broadcast); NaN if either is NaN."""
    return _extremum(a, b, np.maximum, "maximum")


def minimum(a, b):
    """Elementwise min of a and b (broadcast); NaN if either is NaN."""
    return _extremum(a, b, np.minimum, "minimum")


def _as_mask(mask, name):
    mask_data = mask.data if isinstance(mask, Tensor) else np.asarray(mask)
    if mask_data.dtype != np.bool_:
        raise TypeError(f"{name}: the condition/mask must be a bool tensor, got dtype {mask_data.dtype}")
    return mask_data


def where(condition, input, other):  # noqa: A002 - torch's argument names
    """input where condition is True, other elsewhere (all three broadcast together)."""
    condition_data = _as_mask(condition, "where")
    input, other, input_data, other_data = binary_operands(input, other)
    try:
        out = np.where(condition_data, input_data, other_data)
    except ValueError:
        raise ValueError(f"where: shapes {condition_data.shape}, {input.shape} and {other.shape} cannot "
                         f"be broadcast together") from None

    def backward(grad):  # g flows to the chosen input only
        zero = np.zeros((), dtype=grad.dtype)
        return (unbroadcast(np.where(condition_data, grad, zero), input.shape) if input._requires_grad else None,
                unbroadcast(np.where(condition_data, zero, grad), other.shape) if other._requires_grad else None)

    return record(out, (input, other), backward, "WhereBackward0")


def masked_fill(x, mask, value):
    """x with `value` written where `mask` (bool, broadcastable to x's shape) is True."""
    mask_data = _as_mask(mask, "masked_fill")
    if isinstance(value, Tensor):
        if value.data.size != 1:
            raise ValueError(f"masked_fill: value must be a number or a one-element tensor, got shape {value.shape}")
        value = value.data.item()
    try:
        if np.broadcast_shapes(mask_data.shape, x.shape) != x.shape:
            raise ValueError
    except ValueError:
        raise ValueError(f"masked_fill: mask of shape {mask_data.shape} does not broadcast to {x.shape}") from None
    fill = as_tensor(value, x.data.dtype).data.astype(x.data.dtype)
    out = np.where(mask_data, fill, x.data)

    def backward(grad):  # 0 where filled, 1 elsewhere
        return (np.where(mask_data, np.zeros((), dtype=grad.dtype), grad),)

    return record(out, (x,), backward, "MaskedFillBackward0")


def cast(x, dtype):
    """x converted to `dtype`; differentiable between floating dtypes (grad cast back)."""
    dtype = to_dtype(dtype)
    if x.data.dtype == dtype:
        return x
    source_dtype = x.data.dtype

    def backward(grad):  # identity, in the source dtype
        return (grad.astype(source_dtype),)

    if not is_floating(dtype):
        return Tensor(x.data.astype(dtype))
    return record(x.data.astype(dtype), (x,), backward, "ToCopyBackward0")


def clone(x):
    """A copy of x with its own array (gradient passes through unchanged)."""
    def backward(grad):  # identity
        return (grad,)

    return record(x.data.copy(), (x,), backward, "CloneBackward0")
