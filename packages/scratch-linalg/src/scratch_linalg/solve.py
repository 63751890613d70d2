"""Linear systems and inverses through LU with partial pivoting (numpy.linalg.solve / inv).

    A x = b   ->   A[perm] = L U,   L y = b[perm],   U x = y

`inv` is `solve` with the identity as right-hand side (numpy does the same), so X = A^-1 costs
2/3 n^3 (LU) + 2 n^3 (two triangular solves with n right-hand sides) flops; one solve with k
right-hand sides costs 2/3 n^3 + 2 n^2 k. An exact zero pivot means A is singular: LinAlgError
("Singular matrix"), as numpy raises (LAPACK's dgesv reports the same zero).
"""

import numpy as np

from ._batch import map_matrices
from ._right_hand_side import core_ndim, row_count, solve_on_columns
from ._validate import as_float_array, check_finite, matrix_input, result_dtype
from .errors import LinAlgError
from .lu_factorization import lu_in_place, lu_solve_in_place


def solve(a, b):
    """Solve a x = b (numpy 2 semantics).

    a: (..., M, M). b: (M,) is one vector (only when b.ndim == 1); otherwise b is (..., M, K),
    a stack of matrices whose batch axes broadcast against a's.
    Returns x shaped (..., M) or (..., M, K), in the common float dtype of a and b.

    >>> solve(np.array([[3.0, 1.0], [1.0, 2.0]]), np.array([9.0, 8.0]))
    array([2., 3.])
    """
    a = matrix_input(a, "a", square=True)
    b = check_finite(as_float_array(b, "b"), "b")
    dtype = result_dtype(a, b)
    a, b = a.astype(dtype, copy=False), b.astype(dtype, copy=False)
    n, rows = a.shape[-1], row_count(b)
    if rows is None:
        raise ValueError("solve: b must be at least one-dimensional (got a 0-d array)")
    if rows != n:
        raise ValueError(
            f"solve: b has {rows} rows but a is {n} x {n} (a: {a.shape}, b: {b.shape})"
        )

    def solve_one(matrix, rhs):
        packed, perm = factor_nonsingular(matrix)
        return (solve_on_columns(lambda columns: lu_solve_in_place(packed, perm, columns), rhs),)

    (x,) = map_matrices(solve_one, a, b, core_ndims=(2, core_ndim(b)))
    return x


def inv(a):
    """The inverse of a (..., M, M) (numpy.linalg.inv); LinAlgError for a singular matrix."""
    a = matrix_input(a, "a", square=True)

    def invert_one(matrix):
        packed, perm = factor_nonsingular(matrix)
        inverse = np.eye(matrix.shape[0], dtype=matrix.dtype)  # (n, n), becomes A^-1
        lu_solve_in_place(packed, perm, inverse)
        return (inverse,)

    (inverse,) = map_matrices(invert_one, a)
    return inverse


def factor_nonsingular(matrix):
    """(packed LU, perm) of one square matrix; LinAlgError "Singular matrix" on a zero pivot."""
    packed = matrix.copy()  # (n, n)
    perm = lu_in_place(packed)
    if (packed.diagonal() == 0).any():
        raise LinAlgError("Singular matrix")
    return packed, perm
