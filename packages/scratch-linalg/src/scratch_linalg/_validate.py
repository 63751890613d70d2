"""Input checks shared by every public function, so that errors read the same everywhere.

The rules follow numpy.linalg:
- at least 2-D for matrix functions (batches are the leading axes), else `LinAlgError`;
- square where the algorithm needs it, else `LinAlgError` ("Last 2 dimensions ... square");
- float32 stays float32, float64 stays float64, integers and booleans become float64;
  float16 and complex are refused with a `TypeError` (complex is out of this package's scope).
One addition numpy lacks: NaN or inf raises `ValueError` up front (scipy's `check_finite`),
instead of a silent NaN result or a hang inside an iteration.
"""

import numpy as np

from .errors import LinAlgError

SUPPORTED_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def as_float_array(a, name="a"):
    """Return `a` as a float32/float64 ndarray (a copy only when a conversion is needed)."""
    array = np.asarray(a)
    if array.dtype in SUPPORTED_DTYPES:
        return array
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    if array.dtype.kind == "c":
        raise TypeError(f"{name}: complex input is not supported by scratch-linalg (got {array.dtype})")
    raise TypeError(f"{name}: array type {array.dtype} is unsupported in linalg")


def check_finite(array, name="a"):
    """Raise ValueError when `array` holds NaN or inf."""
    if not np.isfinite(array).all():
        raise ValueError(f"{name}: array must not contain infs or NaNs")
    return array


def check_at_least_2d(array, name="a"):
    if array.ndim < 2:
        raise LinAlgError(
            f"{name}: {array.ndim}-dimensional array given. Array must be at least two-dimensional"
        )
    return array


def check_square(array, name="a"):
    check_at_least_2d(array, name)
    if array.shape[-1] != array.shape[-2]:
        raise LinAlgError(
            f"{name}: Last 2 dimensions of the array must be square (got shape {array.shape})"
        )
    return array


def matrix_input(a, name="a", square=False):
    """The usual preamble: float array, at least 2-D, optionally square, all finite."""
    array = as_float_array(a, name)
    if square:
        check_square(array, name)
    else:
        check_at_least_2d(array, name)
    return check_finite(array, name)


def result_dtype(*arrays):
    """float32 only when every input is float32 (numpy's promotion), else float64."""
    return np.result_type(*[np.empty(0, dtype=x.dtype) for x in arrays])
