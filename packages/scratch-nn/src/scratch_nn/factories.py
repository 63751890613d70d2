"""Creating tensors: tensor, from_numpy, zeros/ones/full/empty, arange, eye, the *_like forms,
and the random ones (rand, randn, randint, randperm), all with torch's signatures and dtypes.

    tensor([1.0, 2.0])          float32 (default float dtype)     zeros(2, 3) / zeros((2, 3))
    tensor(np.ones(2))          float64 kept, data copied         from_numpy(a): shares a's memory
    arange(5)                   int64 0..4                        arange(0, 1, 0.25): float32
    full((2,), 7)               int64, as torch infers from the fill value
    randn(2, 3, generator=g)    float32 N(0, 1) draws from g (or the default generator)
"""

import numbers

import numpy as np

from ._convert import as_array
from ._dtypes import bool_, get_default_dtype, int64, is_floating, to_dtype
from .random import numpy_generator
from .tensor import Tensor


def _size(size, name):
    """Accept f(2, 3), f((2, 3)) and f([2, 3]); sizes must be non-negative ints."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    for n in size:
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"{name}: sizes must be ints, got {size!r}")
        if n < 0:
            raise ValueError(f"{name}: negative dimension {n} in size {tuple(size)}")
    return tuple(int(n) for n in size)


def _make(array, requires_grad):
    return Tensor(array, requires_grad=requires_grad)


def _dtype_or(dtype, default):
    return default if dtype is None else to_dtype(dtype)


def tensor(data, dtype=None, requires_grad=False):
    """A new leaf tensor holding a copy of `data` (a number, nested list, numpy array or Tensor)."""
    return _make(as_array(data, dtype, copy=True), requires_grad)


def from_numpy(array):
    """A tensor sharing `array`'s memory and dtype (writes to one show in the other)."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"from_numpy expects a numpy.ndarray, got {type(array).__name__}")
    return Tensor(as_array(array))


def zeros(*size, dtype=None, requires_grad=False):
    return _make(np.zeros(_size(size, "zeros"), _dtype_or(dtype, get_default_dtype())), requires_grad)


def ones(*size, dtype=None, requires_grad=False):
    return _make(np.ones(_size(size, "ones"), _dtype_or(dtype, get_default_dtype())), requires_grad)


def empty(*size, dtype=None, requires_grad=False):
    """Uninitialized memory: the values are whatever was there (fill it before reading)."""
    return _make(np.empty(_size(size, "empty"), _dtype_or(dtype, get_default_dtype())), requires_grad)


def _fill_dtype(fill_value):
    if isinstance(fill_value, (bool, np.bool_)):
        return bool_
    if isinstance(fill_value, numbers.Integral):
        return int64
    if isinstance(fill_value, numbers.Real):
        return get_default_dtype()
    raise TypeError(f"full: fill_value must be a number, got {type(fill_value).__name__}")


def full(size, fill_value, dtype=None, requires_grad=False):
    """A tensor of `size` filled with `fill_value` (dtype inferred from it, as torch)."""
    size = _size((size,), "full")  # a tuple, a list or one int
    dtype = _dtype_or(dtype, _fill_dtype(fill_value))
    return _make(np.full(size, fill_value, dtype=dtype), requires_grad)


def zeros_like(input, dtype=None, requires_grad=False):  # noqa: A002 - torch's argument name
    return zeros(input.shape, dtype=_dtype_or(dtype, input.dtype), requires_grad=requires_grad)


def ones_like(input, dtype=None, requires_grad=False):  # noqa: A002
    return ones(input.shape, dtype=_dtype_or(dtype, input.dtype), requires_grad=requires_grad)


def full_like(input, fill_value, dtype=None, requires_grad=False):  # noqa: A002
    return full(input.shape, fill_value, dtype=_dtype_or(dtype, input.dtype), requires_grad=requires_grad)


def arange(start, end=None, step=1, dtype=None, requires_grad=False):
    """start, start + step, ... < end (arange(n) = 0 .. n-1); int64 for ints, else the default float."""
    if end is None:
        start, end = 0, start
    for name, value in (("start", start), ("end", end), ("step", step)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"arange: {name} must be a number, got {value!r}")
        if not np.isfinite(value):
            raise ValueError(f"arange: {name} must be finite, got {value}")
    if step == 0:
        raise ValueError("arange: step must be nonzero")
    if (end - start) * step < 0:
        raise ValueError(f"arange: upper bound and larger bound inconsistent with step sign "
                         f"(start={start}, end={end}, step={step})")
    all_integers = all(isinstance(v, numbers.Integral) for v in (start, end, step))
    dtype = _dtype_or(dtype, int64 if all_integers else get_default_dtype())
    # subtle: the values are computed in float64 (or exactly, for ints) and then cast, as torch does
    values = np.arange(start, end, step) if all_integers else np.arange(start, end, step, dtype=np.float64)
    return _make(values.astype(dtype), requires_grad)


def eye(n, m=None, dtype=None, requires_grad=False):
    """The n x m identity matrix (m = n by default)."""
    m = n if m is None else m
    _size((n, m), "eye")
    return _make(np.eye(n, m, dtype=_dtype_or(dtype, get_default_dtype())), requires_grad)


def _float_dtype(dtype, name):
    dtype = _dtype_or(dtype, get_default_dtype())
    if not is_floating(dtype):
        raise TypeError(f"{name}: needs a floating dtype, got {dtype}")
    return dtype


def rand(*size, generator=None, dtype=None, requires_grad=False):
    """Uniform draws from [0, 1)."""
    dtype = _float_dtype(dtype, "rand")
    draws = numpy_generator(generator).random(_size(size, "rand"), dtype=np.float64)
    return _make(draws.astype(dtype), requires_grad)


def randn(*size, generator=None, dtype=None, requires_grad=False):
    """Standard normal draws."""
    dtype = _float_dtype(dtype, "randn")
    draws = numpy_generator(generator).standard_normal(_size(size, "randn"), dtype=np.float64)
    return _make(draws.astype(dtype), requires_grad)


def rand_like(input, generator=None, dtype=None, requires_grad=False):  # noqa: A002
    return rand(input.shape, generator=generator, dtype=_dtype_or(dtype, input.dtype), requires_grad=requires_grad)


def randn_like(input, generator=None, dtype=None, requires_grad=False):  # noqa: A002
    return randn(input.shape, generator=generator, dtype=_dtype_or(dtype, input.dtype), requires_grad=requires_grad)


def randint(low, high=None, size=None, *, generator=None, dtype=None):
    """Integers drawn uniformly from [low, high): randint(high, size) or randint(low, high, size)."""
    if size is None:  # torch's randint(high, size) form
        low, high, size = 0, low, high
    if size is None:
        raise TypeError("randint: size is required, e.g. randint(10, (3,))")
    size = _size((size,), "randint")  # a tuple, a list or one int
    if not low < high:
        raise ValueError(f"randint: low ({low}) must be smaller than high ({high})")
    draws = numpy_generator(generator).integers(low, high, size=size, dtype=np.int64)
    return Tensor(draws.astype(_dtype_or(dtype, int64)))


def randperm(n, *, generator=None, dtype=None):
    """A random permutation of 0 .. n-1 (int64)."""
    _size((n,), "randperm")
    return Tensor(numpy_generator(generator).permutation(n).astype(_dtype_or(dtype, int64)))
