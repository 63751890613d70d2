"""Indexing x[key] with ints, slices, None, Ellipsis, integer arrays/lists/tensors and bool masks.

The forward pass is numpy's indexing (a view for basic keys, a copy for advanced ones). The
backward pass scatters the gradient into zeros shaped like x:

    basic key (ints, slices, None, ...):  full[key] = g          (each entry picked at most once)
    advanced key (arrays, masks):         np.add.at(full, key, g) (an index may repeat:
                                          x[[0, 0]] uses x[0] twice, so its gradient is 2 g)

x[key] = value writes into x's array; it is allowed for tensors outside autograd (a tensor that
does not require grad, or any tensor inside `no_grad()`), as torch allows it for leaves there.
"""

import numpy as np

from ..autograd import record
from ..grad_mode import _mode
from ..tensor import Tensor
from .inplace import check_inplace


def _index_array(item):
    array = item.data if isinstance(item, Tensor) else np.asarray(item)
    if array.size == 0 and array.dtype.kind == "f":
        array = array.astype(np.int64)  # subtle: [] is an empty integer index, not a float one
    if array.dtype.kind not in "iub":
        raise IndexError(f"tensors used as indices must be integer or bool, got dtype {array.dtype}")
    return array


def convert_key(key):
    """key as numpy understands it, and whether it holds an advanced (array or bool) index."""
    items = key if isinstance(key, tuple) else (key,)
    converted, advanced = [], False
    for item in items:
        if isinstance(item, (Tensor, list, np.ndarray)):
            item = _index_array(item)
            advanced = True
        elif isinstance(item, (bool, np.bool_)):
            advanced = True
        elif isinstance(item, slice) and item.step is not None and item.step <= 0:
            raise ValueError(f"slice step must be greater than zero (torch has no reversed slices), got {item.step}")
        elif not (item is None or item is Ellipsis or isinstance(item, (int, np.integer, slice))):
            raise IndexError(f"only integers, slices, None, Ellipsis, integer or bool tensors/arrays "
                             f"are valid indices, got {type(item).__name__}")
        converted.append(item)
    return tuple(converted), advanced


def getitem(x, key):
    """x[key], differentiable."""
    key, advanced = convert_key(key)
    try:
        out = x.data[key]
    except IndexError as error:
        raise IndexError(f"index {key} is invalid for a tensor of shape {x.shape}: {error}") from None
    source_shape, source_dtype = x.shape, x.data.dtype

    def backward(grad):  # scatter g back to the positions it was read from
        full = np.zeros(source_shape, dtype=source_dtype)
        if advanced:
            np.add.at(full, key, grad)
        else:
            full[key] = grad
        return (full,)

    return record(np.asarray(out), (x,), backward, "IndexBackward0" if advanced else "SliceBackward0")


def setitem(x, key, value):
    """x[key] = value, in place on x's array (not recorded by autograd)."""
    check_inplace(x, "x[key] = value")
    if isinstance(value, Tensor):
        if value._requires_grad and _mode.enabled:
            raise RuntimeError("assigning a tensor that requires grad into another tensor is not "
                               "differentiable in scratch_nn; build the result with where/cat instead")
        value = value.data
    key, _ = convert_key(key)
    try:
        x.data[key] = value
    except (ValueError, IndexError) as error:
        raise type(error)(f"x[key] = value for a tensor of shape {x.shape}: {error}") from None
