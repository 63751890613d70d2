"""max / min (over everything or along one dim), argmax / argmin.

    x.max()            -> the largest entry; its gradient is shared equally among tied maxima
    x.max(dim)         -> (values, indices), a named tuple as torch.return_types.max; the
                          gradient goes to the entry each index points at (the first maximum)
    x.max(other)       -> elementwise maximum(x, other), as torch.max(x, other)
    x.argmax(dim=None) -> int64 indices (into the flattened tensor when dim is None)

NaN wins, as in torch: a slice holding NaN has max NaN and argmax at the first NaN.
"""

from collections import namedtuple

import numpy as np

from ..autograd import record
from ..tensor import Tensor
from ._dims import normalize_dim, resolve_aliases
from .elementwise import maximum, minimum

# torch.return_types.max / .min: a tuple that also has .values and .indices
max_result = namedtuple("max", ["values", "indices"])
min_result = namedtuple("min", ["values", "indices"])


def _reduce_all(x, pick, name):
    if x.data.size == 0:
        raise ValueError(f"{name}() of an empty tensor: specify dim (the reduction has no identity)")
    data = x.data
    out = pick(data)  # NaN propagates

    def backward(grad):  # g shared equally among the entries equal to the result
        ties = data == out
        if not ties.any():  # subtle: a NaN maximum equals nothing; torch sends g to the NaNs
            ties = np.isnan(data)
        return (np.where(ties, grad / np.count_nonzero(ties), np.zeros((), dtype=grad.dtype)),)

    return record(np.asarray(out), (x,), backward, name.capitalize() + "Backward1")


def _reduce_dim(x, dim, keepdim, arg_pick, result_type, name):
    dim = normalize_dim(dim, x.data.ndim)
    data = x.data if x.data.ndim else x.data.reshape(1)
    if data.shape[dim] == 0:
        raise ValueError(f"{name}(): cannot reduce over dim {dim} of size 0 (shape {x.shape})")
    indices_kept = np.expand_dims(arg_pick(data, axis=dim), dim)  # (.., 1, ..)
    values_kept = np.take_along_axis(data, indices_kept, axis=dim)
    source_shape = data.shape

    def backward(grad):  # g goes to the selected entry of each slice
        full = np.zeros(source_shape, dtype=grad.dtype)
        np.put_along_axis(full, indices_kept, grad.reshape(indices_kept.shape), axis=dim)
        return (full.reshape(x.shape),)

    if keepdim and x.data.ndim:
        values, indices = values_kept, indices_kept
    else:
        values, indices = np.squeeze(values_kept, dim), np.squeeze(indices_kept, dim)
        if not x.data.ndim:
            values, indices = values.reshape(()), indices.reshape(())
    values = record(values, (x,), backward, name.capitalize() + "Backward0")
    return result_type(values, Tensor(indices.astype(np.int64)))


def _nan_argmax(data, axis):
    nan = np.isnan(data) if data.dtype.kind == "f" else None
    if nan is not None and nan.any():
        return np.where(nan.any(axis=axis), np.argmax(nan, axis=axis), np.argmax(data, axis=axis))
    return np.argmax(data, axis=axis)


def _nan_argmin(data, axis):
    nan = np.isnan(data) if data.dtype.kind == "f" else None
    if nan is not None and nan.any():
        return np.where(nan.any(axis=axis), np.argmax(nan, axis=axis), np.argmin(data, axis=axis))
    return np.argmin(data, axis=axis)


def max(x, dim=None, keepdim=False, *, axis=None, keepdims=None):  # noqa: A001 - torch's name
    """Largest entry, or (values, indices) along `dim`, or maximum(x, other) for a Tensor `dim`."""
    if isinstance(dim, Tensor):
        return maximum(x, dim)
    dim, keepdim = resolve_aliases(dim, keepdim, axis, keepdims)
    if dim is None:
        return _reduce_all(x, np.max, "max")
    return _reduce_dim(x, dim, keepdim, _nan_argmax, max_result, "max")


def min(x, dim=None, keepdim=False, *, axis=None, keepdims=None):  # noqa: A001 - torch's name
    """Smallest entry, or (values, indices) along `dim`, or minimum(x, other) for a Tensor `dim`."""
    if isinstance(dim, Tensor):
        return minimum(x, dim)
    dim, keepdim = resolve_aliases(dim, keepdim, axis, keepdims)
    if dim is None:
        return _reduce_all(x, np.min, "min")
    return _reduce_dim(x, dim, keepdim, _nan_argmin, min_result, "min")


def _arg(x, dim, keepdim, axis, keepdims, arg_pick, name):
    dim, keepdim = resolve_aliases(dim, keepdim, axis, keepdims)
    if x.data.size == 0:
        raise ValueError(f"{name}() of an empty tensor is undefined")
    if dim is None:
        index = arg_pick(x.data.reshape(-1), axis=0)
        shape = (1,) * x.data.ndim if keepdim else ()
        return Tensor(np.asarray(index, dtype=np.int64).reshape(shape))
    dim = normalize_dim(dim, x.data.ndim)
    data = x.data if x.data.ndim else x.data.reshape(1)
    indices = arg_pick(data, axis=dim)
    if keepdim and x.data.ndim:
        indices = np.expand_dims(indices, dim)
    return Tensor(np.asarray(indices, dtype=np.int64).reshape(indices.shape if x.data.ndim else ()))


def argmax(x, dim=None, keepdim=False, *, axis=None, keepdims=None):
    """Index of the largest entry (first one, or first NaN), along `dim` or over the flattened x."""
    return _arg(x, dim, keepdim, axis, keepdims, _nan_argmax, "argmax")


def argmin(x, dim=None, keepdim=False, *, axis=None, keepdims=None):
    """Index of the smallest entry (first one, or first NaN), along `dim` or over the flattened x."""
    return _arg(x, dim, keepdim, axis, keepdims, _nan_argmin, "argmin")
