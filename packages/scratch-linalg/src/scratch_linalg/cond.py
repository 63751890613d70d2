"""Condition number cond_p(A) = ||A||_p ||A^-1||_p through the SVD (numpy.linalg.cond).

With A = U diag(s) V^T, s descending:
    p None or 2    s_1 / s_n                      (any shape: the ratio of extreme singular values)
    p -2           s_n / s_1
    p 'fro'        sqrt(sum s_i^2) * sqrt(sum 1/s_i^2)
    p 'nuc'        (sum s_i) * (sum 1/s_i)
    p 1, -1, inf, -inf   ||A||_p * ||V diag(1/s) U^T||_p   (square A; the inverse from the SVD)
The Frobenius and nuclear norms are unitarily invariant, so they come straight from s; only the
entry-wise norms need the inverse itself. A singular matrix has cond = inf, as in numpy: for
p = 2 / -2 when s_n = 0; for the orders that need A^-1, when s_n <= max(m, n) * eps * s_1, i.e.
when s_n is rounding noise and A^-1 does not exist in working precision (numpy's LU-based inverse
reports inf on an exactly singular matrix, whose computed s_n is such noise, not an exact 0).
Cost: the singular values (~ 4/3 ... 4 n^3 flops), or the SVD with vectors for p = +-1, +-inf.
"""

import numpy as np

from ._validate import check_square, matrix_input
from .errors import LinAlgError
from .norm import norm
from .pinv import pseudo_inverse_from_svd
from .svd import svd

_SINGULAR_VALUE_ORDERS = (None, 2, -2)
_UNITARILY_INVARIANT_ORDERS = ("fro", "nuc")


def cond(x, p=None):
    """Condition number of a (..., m, n) stack of matrices in the norm `p`, as numpy.linalg.cond.

    Returns a float (a numpy scalar) for one matrix, an array of shape (...) for a stack.
    """
    x = matrix_input(x, "x")
    if x.size == 0 and x.shape[-2] * x.shape[-1] == 0:
        raise LinAlgError("cond is not defined on empty arrays")
    with np.errstate(divide="ignore", invalid="ignore"):
        if p in _SINGULAR_VALUE_ORDERS:
            s = svd(x, compute_uv=False)  # (..., k), descending
            result = s[..., -1] / s[..., 0] if p == -2 else s[..., 0] / s[..., -1]
        else:
            result = _square_condition_number(x, p)
    # subtle: 0/0 for the zero matrix (and inf * 0 in the inverse) gives NaN; numpy reports inf.
    result = np.where(np.isnan(result), np.inf, result).astype(x.dtype, copy=False)
    return result[()] if result.ndim == 0 else result


def _square_condition_number(x, p):
    """||A||_p ||A^-1||_p for the orders that need a square A."""
    check_square(x, "x")
    norm_of_x = norm(x, p, axis=(-2, -1))  # raises numpy's ValueError for an unknown p
    if p in _UNITARILY_INVARIANT_ORDERS:
        s = svd(x, compute_uv=False)  # (..., n)
        inverse_s = 1 / s  # (..., n); inf where s_i = 0
        inverse_norm = (
            np.sqrt(np.square(inverse_s).sum(axis=-1)) if p == "fro" else inverse_s.sum(axis=-1)
        )
    else:
        u, s, vh = svd(x)  # (..., n, n), (..., n), (..., n, n)
        inverse = pseudo_inverse_from_svd(u, s, vh, cutoff=0)  # (..., n, n): A^-1 when s_n > 0
        inverse_norm = norm(inverse, p, axis=(-2, -1))
    singular = s[..., -1] <= x.shape[-1] * np.finfo(x.dtype).eps * s[..., 0]  # (...)
    return np.where(singular, np.inf, norm_of_x * inverse_norm)
