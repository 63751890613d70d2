"""Turning Python data (scalars, nested lists, numpy arrays, Tensors) into the array a Tensor holds.

    [1.0, 2.0]            -> float32 (the default float dtype; torch's rule, numpy would say float64)
    [1, 2]                -> int64          [True, False] -> bool
    np.array([1.0, 2.0])  -> float64 kept   (an explicit numpy dtype is respected, as torch.tensor)
    a Tensor              -> its array's dtype
"""

import numpy as np

from ._dtypes import SUPPORTED, get_default_dtype, int64, to_dtype


def _infer_from_python(data):
    """np.asarray for Python data, with torch's dtype choice for Python floats and ints."""
    try:
        array = np.asarray(data)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"could not build a tensor from ragged (inhomogeneous) data: {error}") from None
    if array.dtype.kind == "f" and array.dtype != get_default_dtype():
        # subtle: only Python floats land here as float64; numpy scalars inside lists too (as torch).
        array = array.astype(get_default_dtype())
    elif array.dtype.kind in "iu" and array.dtype != int64:
        array = array.astype(int64)
    return array


def as_array(data, dtype=None, copy=False):
    """The numpy array for `data` in `dtype` (inferred as in the module docstring when None)."""
    if isinstance(data, np.ndarray):
        array = data
    elif hasattr(data, "grad_fn") and isinstance(getattr(data, "data", None), np.ndarray):
        array = data.data  # a Tensor (duck-typed: this module must not import tensor.py)
    elif isinstance(data, np.generic):
        array = np.asarray(data)
    elif isinstance(data, (bool, int, float, list, tuple)):
        array = _infer_from_python(data)
        copy = False  # already fresh
    else:
        raise TypeError(f"cannot build a tensor from {type(data).__name__}; pass a number, a "
                        f"(nested) list, a numpy array or a Tensor")
    if array.dtype not in SUPPORTED:
        raise TypeError(f"cannot build a tensor from an array of dtype {array.dtype}")
    if dtype is not None:
        dtype = to_dtype(dtype)
        if array.dtype != dtype:
            return array.astype(dtype)
    return array.copy() if copy else array
