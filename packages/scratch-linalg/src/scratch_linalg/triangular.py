"""Triangular solves, T X = B, by recursive blocking (the counterpart of scipy's solve_triangular).

Split a lower-triangular L into halves and the solve splits with it:

    [L11   0 ] [X1]   [B1]        X1 = L11^-1 B1                 (recurse)
    [L21  L22] [X2] = [B2]   ->   X2 = L22^-1 (B2 - L21 X1)      (one matrix product, recurse)

(upper triangular: the mirror image, bottom half first). Recursing down to a leaf of at most
`LEAF_ROWS` rows puts all but ~n * LEAF_ROWS * k of the n^2 k flops into `@`. The leaf is
substitution, one row at a time and vectorized over the k right-hand sides:

    x_i = (b_i - L[i, :i] @ X[:i]) / L[i, i]

Transposed systems T^T X = B need no copy: T^T is a view with the other triangle.
Cost: n^2 k flops (n = order of T, k = right-hand sides).
"""

import numpy as np

from ._batch import map_matrices
from ._right_hand_side import core_ndim, row_count, solve_on_columns

# subtle: imported under another name, since scipy's signature has a `check_finite` argument.
from ._validate import as_float_array, matrix_input, result_dtype
from ._validate import check_finite as require_finite
from .errors import LinAlgError

LEAF_ROWS = 32  # below this, substitution; above, split in halves

TRANSPOSE_CODES = {0: False, 1: True, 2: True, "N": False, "T": True, "C": True}  # real: C == T


def solve_triangular(
    a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False, check_finite=True
):
    """Solve a x = b for x, where a is triangular (scipy.linalg.solve_triangular).

    a: (..., N, N); only its `lower` (or upper) triangle is read, and not its diagonal when
       `unit_diagonal` (taken as ones).
    b: (N,) for one right-hand side, else (..., N, K); batch axes broadcast against a's.
    trans: 0 / 'N' solves a x = b, 1 / 'T' and 2 / 'C' solve a^T x = b.
    overwrite_b, check_finite: accepted for compatibility with scipy; b is never overwritten and
       NaN/inf is always refused (ValueError), as everywhere in this package.
    Returns x with b's shape (batch axes broadcast) in the common float dtype of a and b.
    Raises LinAlgError "singular matrix: resolution failed at diagonal i" for a zero on the
    diagonal (0-based i, scipy's message).

    >>> solve_triangular(np.array([[2.0, 0.0], [1.0, 1.0]]), np.array([4.0, 3.0]), lower=True)
    array([2., 1.])
    """
    if trans not in TRANSPOSE_CODES:
        raise ValueError(f"trans must be 0, 1, 2, 'N', 'T' or 'C', got {trans!r}")
    a = matrix_input(a, "a", square=True)
    b = require_finite(as_float_array(b, "b"), "b")
    dtype = result_dtype(a, b)
    a, b = a.astype(dtype, copy=False), b.astype(dtype, copy=False)
    if row_count(b) != a.shape[-1]:
        raise ValueError(f"shapes of a {a.shape} and b {b.shape} are incompatible")
    transpose = TRANSPOSE_CODES[trans]

    def solve_one(t, rhs):
        if not unit_diagonal:
            check_nonsingular_diagonal(t)
        if transpose:  # subtle: T^T is triangular the other way round, and a free view
            t, is_lower = t.T, not lower
        else:
            is_lower = lower
        return (
            solve_on_columns(
                lambda columns: solve_triangular_in_place(t, columns, is_lower, unit_diagonal), rhs
            ),
        )

    (x,) = map_matrices(solve_one, a, b, core_ndims=(2, core_ndim(b)))
    return x


def check_nonsingular_diagonal(t):
    """Raise LinAlgError when the triangular matrix t has an exact zero on its diagonal."""
    zeros = np.flatnonzero(t.diagonal() == 0)
    if zeros.size:
        raise LinAlgError(f"singular matrix: resolution failed at diagonal {zeros[0]}")


def solve_triangular_in_place(t, x, lower, unit_diagonal=False):
    """x <- t^-1 x for a 2-D triangular t (n, n) and a 2-D x (n, k); no checks, no copies of x.

    The workhorse behind solve_triangular, LU and Cholesky: reads only the chosen triangle of t.
    """
    n = t.shape[0]
    if n <= LEAF_ROWS:
        _substitute(t, x, lower, unit_diagonal)
        return
    half = n // 2
    if lower:
        solve_triangular_in_place(t[:half, :half], x[:half], True, unit_diagonal)
        x[half:] -= t[half:, :half] @ x[:half]  # (n - half, k)
        solve_triangular_in_place(t[half:, half:], x[half:], True, unit_diagonal)
    else:
        solve_triangular_in_place(t[half:, half:], x[half:], False, unit_diagonal)
        x[:half] -= t[:half, half:] @ x[half:]  # (half, k)
        solve_triangular_in_place(t[:half, :half], x[:half], False, unit_diagonal)


def _substitute(t, x, lower, unit_diagonal):
    """Forward (lower) or back (upper) substitution on a small block, vectorized over x's columns."""
    n = t.shape[0]
    if not unit_diagonal:
        # Scale row i of the system by 1 / t[i, i]: the same solution, now with a unit diagonal,
        # so the loop below is one statement per row.
        diagonal = t.diagonal()[:, None]  # (n, 1)
        t = t / diagonal  # (n, n) copy; its diagonal is never read again
        x /= diagonal
    # subtle: a single right-hand side is solved as a 1-D view, so that each x[i] is a scalar;
    # a (1,)-row view would cost an array allocation per row, and this loop is all overhead.
    # ndarray.dot, the same BLAS product as `@`, has less per-call overhead on tiny operands.
    if x.shape[1] == 1:
        x = x[:, 0]  # (n,)
    if lower:
        for i in range(1, n):
            x[i] -= t[i, :i].dot(x[:i])  # (k,) or a scalar
    else:
        for i in range(n - 2, -1, -1):
            x[i] -= t[i, i + 1 :].dot(x[i + 1 :])  # (k,) or a scalar
