"""Least squares min_x ||A x - b||_2 through the SVD (numpy.linalg.lstsq, LAPACK's dgelsd).

With the thin SVD A = U diag(s) V^T (s descending) and r = #{ s_i > rcond * s_1 } the numerical
rank, the minimum-norm minimizer is

    x = V_r diag(1 / s_r) U_r^T b          (the first r singular triplets only)

Every x + z with z in null(A) has the same residual; the V_r part is the one orthogonal to
null(A), hence of least norm. Singular values below the cutoff are treated as exact zeros, so
rounding noise in them is not amplified by 1 / s_i.

numpy's return conventions, kept exactly:
- x: (n,) for a 1-D b, (n, k) for an (m, k) b;
- residuals: sum of squared residuals per column, shape (k,) or (1,) for a 1-D b, but an empty
  array when rank < n or m <= n (numpy only reports it when the solution is unique and
  overdetermined);
- rank: the numerical rank (a numpy int32, as numpy's);  s: the singular values of A.
The residual is computed as b - A x, not from the tail of U^T b, so it does not suffer from
cancellation when the fit is nearly exact.

Cost for m >= n: the SVD with thin vectors (~ 4 m n^2 + 8 n^3 flops), then 2 m n k + 2 n^2 k for
x and 2 m n k for the residual.
"""

import numpy as np

from ._validate import as_float_array, check_finite, result_dtype
from .errors import LinAlgError
from .svd import svd


def lstsq(a, b, rcond=None):
    """Least-squares solution of a x = b, as numpy.linalg.lstsq -> (x, residuals, rank, s).

    a: (m, n);  b: (m,) or (m, k).  rcond: singular values <= rcond * s_1 count as zero;
    None means eps * max(m, n) (with float64's eps, as numpy, which computes in float64).
    """
    a = check_finite(as_float_array(a, "a"), "a")
    b = check_finite(as_float_array(b, "b"), "b")
    b_is_vector = b.ndim == 1
    b_matrix = b[:, np.newaxis] if b_is_vector else b  # (m, k)
    for array in (a, b_matrix):
        if array.ndim != 2:
            raise LinAlgError(
                f"{array.ndim}-dimensional array given. Array must be two-dimensional"
            )
    m, n = a.shape
    if b_matrix.shape[0] != m:
        raise LinAlgError(f"Incompatible dimensions: a is {a.shape}, b is {b.shape}")
    dtype = result_dtype(a, b)
    # subtle: numpy runs LAPACK in float64 even for float32 input, so its default cutoff uses
    # float64's eps; keeping it makes the rank agree with numpy's on float32 input too.
    if rcond is None:
        rcond = np.finfo(np.float64).eps * max(m, n)
    elif rcond < 0:
        rcond = np.finfo(np.float64).eps  # LAPACK's rule: negative means machine precision

    a = a.astype(dtype, copy=False)
    b_matrix = b_matrix.astype(dtype, copy=False)
    if min(m, n) == 0:
        singular_values = np.zeros(0, dtype=dtype)
        solution = np.zeros((n, b_matrix.shape[1]), dtype=dtype)  # (n, k)
        rank = 0
    else:
        u, singular_values, vh = svd(a, full_matrices=False)  # (m, r0), (r0,), (r0, n)
        rank = int(np.count_nonzero(singular_values > rcond * singular_values[0]))
        coefficients = (u[:, :rank].T @ b_matrix) / singular_values[:rank, np.newaxis]  # (rank, k)
        solution = vh[:rank].T @ coefficients  # (n, k)

    if rank == n and m > n:
        residual = b_matrix - a @ solution  # (m, k)
        residuals = np.square(residual).sum(axis=0)  # (k,)
    else:
        residuals = np.zeros(0, dtype=dtype)
    if b_is_vector:
        solution = solution[:, 0]  # (n,)
    return solution, residuals, np.int32(rank), singular_values
