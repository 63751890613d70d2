"""Reductions over dims: sum, mean, var, std, logsumexp.

A reduction collapses the `dims` of x; its backward first puts those dims back as size 1
(`kept_shape`) so the upstream gradient g broadcasts against x, then applies the local derivative:

    sum:        g                                  (every summed entry moved the sum by 1)
    mean:       g / n                              n = number of entries reduced
    var:        g * 2 (x - mean) / (n - c)         c = correction (1: Bessel's, the default)
    std:        g * (x - mean) / ((n - c) * std)
    logsumexp:  g * exp(x - out) = g * softmax(x)

dim: None (all), an int, or a tuple; `axis=`/`keepdims=` are accepted as numpy spells them.
"""

import numpy as np

from .._dtypes import to_dtype
from ..autograd import record
from ._dims import kept_shape, normalize_dims, resolve_aliases


def _prepare(x, dim, keepdim, axis, keepdims):
    dim, keepdim = resolve_aliases(dim, keepdim, axis, keepdims)
    dims = normalize_dims(dim, x.data.ndim)
    return dims, keepdim, kept_shape(x.shape, dims)


def _reduced_count(shape, dims):
    count = 1
    for d in dims:
        count *= shape[d]
    return count


def _require_floating(x, name):
    if x.data.dtype.kind != "f":
        raise TypeError(f"{name}: needs a floating point tensor, got dtype {x.dtype}; use .float()")


def sum(x, dim=None, keepdim=False, *, dtype=None, axis=None, keepdims=None):  # noqa: A001
    """Sum over `dim` (all dims if None). Integer and bool tensors sum to int64, as torch."""
    dims, keepdim, shape_kept = _prepare(x, dim, keepdim, axis, keepdims)
    if dtype is not None:
        dtype = to_dtype(dtype)
    elif x.data.dtype.kind in "bui":
        dtype = np.int64
    out = np.sum(x.data, axis=dims, keepdims=keepdim, dtype=dtype)
    source_shape = x.shape

    def backward(grad):  # d(sum)/dx_i = 1: broadcast g back over the summed dims
        return (np.broadcast_to(grad.reshape(shape_kept), source_shape),)

    reduces_all = dim is None and axis is None
    return record(np.asarray(out), (x,), backward, "SumBackward0" if reduces_all else "SumBackward1")


def mean(x, dim=None, keepdim=False, *, axis=None, keepdims=None):
    """Mean over `dim` (all dims if None); the mean of nothing is nan, as torch."""
    _require_floating(x, "mean")
    dims, keepdim, shape_kept = _prepare(x, dim, keepdim, axis, keepdims)
    count = _reduced_count(x.shape, dims)
    with np.errstate(invalid="ignore", divide="ignore"):  # subtle: the mean of nothing is 0/0 = nan
        out = np.sum(x.data, axis=dims, keepdims=keepdim) / count
    source_shape = x.shape

    def backward(grad):  # d(mean)/dx_i = 1/n
        return (np.broadcast_to(grad.reshape(shape_kept) / max(count, 1), source_shape),)

    reduces_all = dim is None and axis is None
    return record(np.asarray(out), (x,), backward, "MeanBackward0" if reduces_all else "MeanBackward1")


def _correction(unbiased, correction):
    if unbiased is not None and correction is not None:
        raise TypeError("pass either unbiased or correction, not both")
    if correction is None:
        return 1 if unbiased is None or unbiased else 0
    return correction


def _centered(x, dims, correction):
    """(x - mean) and sum((x - mean)^2) / (n - correction), both with the reduced dims kept."""
    count = _reduced_count(x.shape, dims)
    centered = x.data - np.sum(x.data, axis=dims, keepdims=True) / max(count, 1)
    with np.errstate(invalid="ignore", divide="ignore"):  # n <= correction gives inf/nan, as torch
        variance = np.sum(centered * centered, axis=dims, keepdims=True) / np.asarray(count - correction, x.dtype)
    return centered, variance, count


def var(x, dim=None, unbiased=None, keepdim=False, *, correction=None, axis=None, keepdims=None):
    """Variance over `dim` with Bessel's correction by default (correction=1, like torch)."""
    _require_floating(x, "var")
    correction = _correction(unbiased, correction)
    dims, keepdim, shape_kept = _prepare(x, dim, keepdim, axis, keepdims)
    centered, variance, count = _centered(x, dims, correction)
    out = variance if keepdim else variance.reshape([n for i, n in enumerate(shape_kept) if i not in dims])

    def backward(grad):  # d(var)/dx_i = 2 (x_i - mean) / (n - c)
        with np.errstate(invalid="ignore", divide="ignore"):
            scale = grad.reshape(shape_kept) * (2 / np.asarray(count - correction, grad.dtype))
        return (scale * centered,)

    return record(out, (x,), backward, "VarBackward0")


def std(x, dim=None, unbiased=None, keepdim=False, *, correction=None, axis=None, keepdims=None):
    """Standard deviation: sqrt(var) with the same arguments."""
    _require_floating(x, "std")
    correction = _correction(unbiased, correction)
    dims, keepdim, shape_kept = _prepare(x, dim, keepdim, axis, keepdims)
    centered, variance, count = _centered(x, dims, correction)
    deviation = np.sqrt(variance)  # (kept)
    out = deviation if keepdim else deviation.reshape([n for i, n in enumerate(shape_kept) if i not in dims])

    def backward(grad):  # d(std)/dx_i = (x_i - mean) / ((n - c) std)
        with np.errstate(invalid="ignore", divide="ignore"):
            scale = grad.reshape(shape_kept) / (np.asarray(count - correction, grad.dtype) * deviation)
        return (scale * centered,)

    return record(out, (x,), backward, "StdBackward0")


def logsumexp(x, dim, keepdim=False):
    """log(sum(exp(x))) over `dim`, shifted by the max so it never overflows.

    logsumexp(x) = m + log(sum(exp(x - m))),  m = max(x) (0 where the max is +-inf, so an
    all -inf slice gives -inf and an inf entry gives inf, without nan from inf - inf).
    """
    if dim is None:
        raise TypeError("logsumexp: dim is required (an int or a tuple of ints)")
    dims, keepdim, shape_kept = _prepare(x, dim, keepdim, None, None)
    data = x.data if x.data.dtype.kind == "f" else x.data.astype(np.float32)
    if data.size == 0:
        out_kept = np.full(shape_kept, -np.inf, dtype=data.dtype)
    else:
        shift = np.max(data, axis=dims, keepdims=True)
        shift = np.where(np.isfinite(shift), shift, 0).astype(data.dtype)
        with np.errstate(divide="ignore"):
            out_kept = np.log(np.sum(np.exp(data - shift), axis=dims, keepdims=True)) + shift
    out = out_kept if keepdim else out_kept.reshape([n for i, n in enumerate(shape_kept) if i not in dims])

    def backward(grad):  # d(lse)/dx_i = exp(x_i - lse) = softmax(x)_i
        return (grad.reshape(shape_kept) * np.exp(data - out_kept),)

    return record(out, (x,), backward, "LogsumexpBackward0")
