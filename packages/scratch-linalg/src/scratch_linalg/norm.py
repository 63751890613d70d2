"""Vector and matrix norms, with every `ord` / `axis` option of numpy.linalg.norm.

Vector norms (one axis), for x of length n:
    ord None or 2   ||x||_2   = sqrt(sum x_i^2)                          2n flops
    ord inf / -inf            max |x_i| / min |x_i|                       n
    ord 0                     number of nonzero x_i (not a norm, numpy's convention)
    ord p (any other real)    (sum |x_i|^p)^(1/p)                         ~3n
Matrix norms (two axes), for an (m, n) matrix A with singular values s_1 >= ... >= s_k:
    'fro' or None   sqrt(sum A_ij^2)           2mn flops
    1 / -1          max / min column sum of |A_ij|
    inf / -inf      max / min row sum of |A_ij|
    2 / -2          s_1 / s_k                 the SVD: O(mn min(m, n))
    'nuc'           s_1 + ... + s_k
With axis=None, a 1-D x gets the vector norm, a 2-D x the matrix norm; any x with ord=None gets
the 2-norm of all its entries flattened.

The 2-norm is overflow-safe, unlike numpy's: sum x_i^2 overflows once |x_i| > ~1e154 (float64)
or ~1e19 (float32) and underflows to 0 below ~1e-154 / ~1e-19, although the norm itself is
representable. The common case is summed directly (one pass, as fast as numpy); only when that sum
came out inf or below the smallest normal number is it redone as s * sqrt(sum (x_i / s)^2) with
s = max |x_i| (LAPACK's dnrm2 idea), where every term is <= 1.
"""

import numpy as np

from ._validate import as_float_array

_SVD_ORDERS = (2, -2, "nuc")


def norm(x, ord=None, axis=None, keepdims=False):
    """Matrix or vector norm, as numpy.linalg.norm(x, ord, axis, keepdims)."""
    x = as_float_array(x, "x")
    if axis is None:
        if ord is None or (ord in ("f", "fro") and x.ndim == 2) or (ord == 2 and x.ndim == 1):
            result = _root_sum_of_squares(x, axis=None, keepdims=False)
            return result.reshape((1,) * x.ndim) if keepdims else result
        axis = tuple(range(x.ndim))
    elif not isinstance(axis, tuple):
        try:
            axis = (int(axis),)
        except Exception as error:
            raise TypeError("'axis' must be None, an integer or a tuple of integers") from error

    if len(axis) == 1:
        return _vector_norm(x, ord, axis, keepdims)
    if len(axis) == 2:
        return _matrix_norm(x, ord, axis, keepdims)
    raise ValueError("Improper number of dimensions to norm.")


def _vector_norm(x, ord, axis, keepdims):
    """Norms along one axis (axis is a 1-tuple)."""
    if isinstance(ord, str):
        raise ValueError(f"Invalid norm order '{ord}' for vectors")
    magnitudes = np.abs(x)
    if ord == np.inf:
        return magnitudes.max(axis=axis, keepdims=keepdims, initial=0)
    if ord == -np.inf:
        return magnitudes.min(axis=axis, keepdims=keepdims)
    if ord == 0:
        return (x != 0).astype(x.dtype).sum(axis=axis, keepdims=keepdims)
    if ord == 1:
        return magnitudes.sum(axis=axis, keepdims=keepdims)
    if ord is None or ord == 2:
        return _root_sum_of_squares(x, axis=axis, keepdims=keepdims)
    # subtle: a negative p sends a zero entry to 0**p = inf, and inf**(1/p) = 0, numpy's answer.
    with np.errstate(divide="ignore"):
        powered_sum = (magnitudes**ord).sum(axis=axis, keepdims=keepdims)
    return powered_sum ** np.reciprocal(ord, dtype=powered_sum.dtype)


def _matrix_norm(x, ord, axis, keepdims):
    """Norms of the matrices spanned by the two axes in `axis`."""
    row_axis, col_axis = (_normalize_axis(a, x.ndim) for a in axis)
    if row_axis == col_axis:
        raise ValueError("Duplicate axes given.")
    if ord in _SVD_ORDERS:
        result = _singular_value_norm(x, ord, row_axis, col_axis)
    elif ord in (1, -1):
        column_sums = np.abs(x).sum(axis=row_axis)  # the column axis shifts down when after rows
        remaining_col_axis = col_axis - 1 if col_axis > row_axis else col_axis
        result = _max_or_min(column_sums, ord, remaining_col_axis)
    elif ord in (np.inf, -np.inf):
        row_sums = np.abs(x).sum(axis=col_axis)
        remaining_row_axis = row_axis - 1 if row_axis > col_axis else row_axis
        result = _max_or_min(row_sums, ord, remaining_row_axis)
    elif ord in (None, "fro", "f"):
        result = _root_sum_of_squares(x, axis=(row_axis, col_axis), keepdims=False)
    else:
        raise ValueError("Invalid norm order for matrices.")
    if keepdims:
        kept_shape = list(x.shape)
        kept_shape[row_axis] = kept_shape[col_axis] = 1
        result = result.reshape(kept_shape)
    return result


def _max_or_min(sums, ord, axis):
    """max of the sums for ord 1 / inf (0 for an empty set, as numpy), min for -1 / -inf."""
    return sums.max(axis=axis, initial=0) if ord > 0 else sums.min(axis=axis)


def _singular_value_norm(x, ord, row_axis, col_axis):
    """ord 2: largest singular value, -2: smallest, 'nuc': their sum."""
    # subtle: imported here, not at the top, so that the SVD's own building blocks may use
    # `norm` without an import cycle.
    from .svd import svd

    stacked = np.moveaxis(x, (row_axis, col_axis), (-2, -1))  # (..., m, n)
    singular_values = svd(stacked, compute_uv=False)  # (..., min(m, n)), descending
    if ord == 2:
        return singular_values.max(axis=-1, initial=0)
    if ord == -2:
        return singular_values.min(axis=-1)
    return singular_values.sum(axis=-1)


def _root_sum_of_squares(x, axis, keepdims):
    """sqrt(sum x^2) over `axis`, rescaled where the plain sum overflowed or underflowed."""
    with np.errstate(over="ignore", under="ignore"):  # both are detected and repaired below
        sum_of_squares = np.square(x).sum(axis=axis, keepdims=keepdims)
    smallest_normal = np.finfo(x.dtype).tiny
    suspicious = ~(sum_of_squares >= smallest_normal) | np.isinf(sum_of_squares)  # also NaN
    if not suspicious.any():
        return np.sqrt(sum_of_squares)
    # subtle: redo everything when anything overflowed; it is rare, and one code path is simpler.
    scale = np.abs(x).max(axis=axis, keepdims=True, initial=0)  # same ndim as x
    safe_scale = np.where((scale > 0) & np.isfinite(scale), scale, 1)
    scaled_sum = np.square(x / safe_scale).sum(axis=axis, keepdims=True)
    rescaled = safe_scale * np.sqrt(scaled_sum)
    rescaled = np.where(np.isposinf(scale), np.inf, rescaled)  # an inf entry: the norm is inf
    rescaled = np.where(np.isnan(scale), np.nan, rescaled)
    if not keepdims:
        rescaled = rescaled.reshape(np.shape(sum_of_squares))
    return rescaled.astype(x.dtype, copy=False)[()]


def _normalize_axis(axis, ndim):
    """A possibly negative axis index as a non-negative one, with numpy's AxisError."""
    if not -ndim <= axis < ndim:
        raise np.exceptions.AxisError(axis, ndim)
    return axis % ndim
