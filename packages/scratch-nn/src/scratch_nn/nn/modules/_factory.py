"""Creating a layer's parameters: dtype and device arguments as torch's factory kwargs."""

import numbers

import numpy as np

from ..._dtypes import get_default_dtype, to_dtype
from ..parameter import Parameter


def parameter_dtype(dtype=None, device=None):
    """The numpy dtype for new parameters: `dtype`, or the default dtype (float32 unless changed)."""
    if device is not None and str(device) != "cpu":
        raise ValueError(f"scratch_nn runs on the CPU only; got device {device!r}")
    dtype = get_default_dtype() if dtype is None else to_dtype(dtype)
    if dtype.kind != "f":
        raise TypeError(f"layer parameters must have a floating point dtype, got {dtype}")
    return dtype


def empty_parameter(shape, dtype):
    """An uninitialized Parameter of `shape` (reset_parameters fills it)."""
    return Parameter(np.empty(shape, dtype=dtype))


def check_size(value, name, minimum=0):
    """A layer size argument: an int >= minimum (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)
