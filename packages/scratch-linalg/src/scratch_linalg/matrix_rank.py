"""Numerical rank through the singular values (numpy.linalg.matrix_rank).

rank(A) = #{ i : s_i > tol },  tol = s_1 * max(m, n) * eps  by default.

In exact arithmetic the rank is the number of nonzero singular values; in floating point a
rank-deficient matrix has "zero" singular values of size ~ s_1 * eps, so they are compared with a
tolerance on that scale instead of with 0. Because the SVD is backward stable, each s_i is
exact to within ~ s_1 * eps: the rank read off this way is the rank of some matrix within
rounding distance of A. Cost: the singular values only, ~ 4 m n^2 - 4/3 n^3 flops (m >= n).
"""

import numpy as np

from ._validate import as_float_array, check_finite
from .svd import svd


def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """Rank of a (..., m, n) stack of matrices, as numpy.linalg.matrix_rank.

    tol: absolute threshold (broadcast over the batch); rtol: threshold relative to s_1
    (default max(m, n) * eps). Only one of them may be given.
    A 1-D or 0-D input has rank 1 unless all its entries are zero, as in numpy.
    hermitian: A is symmetric; its singular values then come from `eigvalsh`, as in numpy.
    """
    if rtol is not None and tol is not None:
        raise ValueError("`tol` and `rtol` can't be both set.")
    A = check_finite(as_float_array(A, "A"), "A")
    if A.ndim < 2:
        return int(not np.all(A == 0))
    singular_values = svd(A, compute_uv=False, hermitian=hermitian)  # (..., k)
    if tol is None:
        if rtol is None:
            rtol = max(A.shape[-2:]) * np.finfo(singular_values.dtype).eps
        else:
            rtol = np.asarray(rtol)[..., np.newaxis]
        # subtle: initial=0 gives an empty matrix the threshold 0, hence rank 0.
        tol = singular_values.max(axis=-1, keepdims=True, initial=0) * rtol  # (..., 1)
    else:
        tol = np.asarray(tol)[..., np.newaxis]
    return np.count_nonzero(singular_values > tol, axis=-1)
