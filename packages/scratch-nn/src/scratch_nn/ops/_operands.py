"""Operands of elementwise ops: Python scalars and arrays become Tensors; broadcasting is undone.

Broadcasting in the forward pass copies an input along new or size-1 axes; the chain rule sums
the gradient back over exactly those axes (a copied value influences every copy):

    unbroadcast(grad of shape (4, 2, 3), shape (2, 1))  ->  grad.sum(axis=(0, 2)).reshape(2, 1)
"""

import numbers

import numpy as np

from .._dtypes import result_dtype, scalar_dtype
from ..tensor import Tensor

_PYTHON_SCALARS = (float, int, bool)


def as_tensor(value, like_dtype):
    """A Tensor for `value`: Tensors pass through; a Python/numpy scalar becomes a 0-d Tensor of
    the dtype it takes next to `like_dtype` (scalars are weak: x * 2.0 stays float32)."""
    if isinstance(value, Tensor):
        return value
    if type(value) in _PYTHON_SCALARS or isinstance(value, (np.number, np.bool_, numbers.Real)):
        return Tensor(np.array(value, dtype=scalar_dtype(value, like_dtype)))
    if isinstance(value, np.ndarray):
        return Tensor(value)
    raise TypeError(f"expected a Tensor or a number, got {type(value).__name__}")


def binary_operands(a, b):
    """(a, b) as Tensors, plus their arrays cast to the common result dtype (torch's promotion)."""
    if not isinstance(a, Tensor):
        if not isinstance(b, Tensor):
            raise TypeError(f"expected a Tensor, got {type(a).__name__} and {type(b).__name__}")
        a = as_tensor(a, b.data.dtype)
    elif not isinstance(b, Tensor):
        b = as_tensor(b, a.data.dtype)
    a_data, b_data = a.data, b.data
    if a_data.dtype != b_data.dtype:
        dtype = result_dtype(a_data, b_data)
        a_data, b_data = a_data.astype(dtype, copy=False), b_data.astype(dtype, copy=False)
    return a, b, a_data, b_data


def check_broadcastable(a_shape, b_shape, op_name):
    try:
        return np.broadcast_shapes(a_shape, b_shape)
    except ValueError:
        raise ValueError(f"{op_name}: shapes {a_shape} and {b_shape} cannot be broadcast together") from None


def unbroadcast(grad, shape):
    """Sum `grad` over the axes that broadcasting added or stretched, so it has `shape` again."""
    if grad.shape == shape:
        return grad
    leading = grad.ndim - len(shape)
    stretched = tuple(leading + i for i, n in enumerate(shape) if n == 1 and grad.shape[leading + i] != 1)
    return grad.sum(axis=tuple(range(leading)) + stretched).reshape(shape)
