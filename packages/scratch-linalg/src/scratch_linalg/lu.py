"""scipy.linalg's LU interface: `lu` (P, L, U), `lu_factor` (packed LU + pivots), `lu_solve`.

All three sit on `lu_factorization.lu_in_place`, which returns the rows' permutation `perm` with
A[perm] = L U. scipy's conventions are views of the same fact:

    lu:         A = P @ L @ U, with P = I[p] and p the inverse of perm (p_indices=True: A = L[p] @ U)
    lu_factor:  L and U packed in one matrix (L's unit diagonal implied) and LAPACK's `piv`:
                step i interchanged rows i and piv[i] (0-based), i = 0 .. min(M, N) - 1
    lu_solve:   A x = b as L U x = b[perm]; A^T x = b as U^T L^T (P^T x) = b

Batched inputs (..., M, N) are accepted throughout, as scipy >= 1.11 does.
Costs: factoring 2/3 n^3 flops, each solve with k right-hand sides 2 n^2 k.
"""

import warnings

import numpy as np

from ._batch import map_matrices
from ._right_hand_side import core_ndim, row_count, solve_on_columns

# subtle: imported under another name, since scipy's signature has a `check_finite` argument.
from ._validate import as_float_array, matrix_input, result_dtype
from ._validate import check_finite as require_finite
from .lu_factorization import (
    lu_in_place,
    lu_solve_in_place,
    permutation_from_pivots,
    pivots_from_permutation,
)


class LinAlgWarning(RuntimeWarning):
    """An ill-posed but computable result (scipy.linalg.LinAlgWarning): here, a singular LU."""


def lu(a, permute_l=False, overwrite_a=False, check_finite=True, p_indices=False):
    """LU decomposition with partial pivoting, A = P @ L @ U (scipy.linalg.lu).

    a: (..., M, N). Returns (P, L, U) with P (..., M, M) a permutation matrix, L (..., M, K) unit
    lower trapezoidal, U (..., K, N) upper trapezoidal, K = min(M, N); with p_indices=True, P is
    replaced by the row indices p (..., M) (A = L[p] @ U); with permute_l=True, (P @ L, U).
    overwrite_a, check_finite: accepted for scipy compatibility; a is never overwritten and
    NaN/inf is always refused (ValueError).
    """
    a = matrix_input(a, "a")
    m, n = a.shape[-2:]
    steps = min(m, n)

    def decompose(matrix):
        packed = matrix.copy()  # (m, n)
        perm = lu_in_place(packed)
        inverse_perm = np.argsort(perm).astype(np.int32)  # (m,): row i of A is row p[i] of L U
        lower = np.tril(packed[:, :steps], -1) + np.eye(m, steps, dtype=a.dtype)  # (m, k)
        upper = np.triu(packed[:steps])  # (k, n)
        if permute_l:
            return lower[inverse_perm], upper
        if p_indices:
            return inverse_perm, lower, upper
        return np.eye(m, dtype=a.dtype)[inverse_perm], lower, upper

    return map_matrices(decompose, a)


def lu_factor(a, overwrite_a=False, check_finite=True):
    """LU factorization packed as scipy.linalg.lu_factor returns it: (lu, piv).

    a: (..., M, N). lu (..., M, N) holds U on and above the diagonal and L's multipliers below
    (L's unit diagonal is implied); piv (..., K) int32: row i was interchanged with row piv[i].
    A singular a is factored all the same, with a LinAlgWarning naming the first zero pivot
    (1-based, scipy's message); solving with it would divide by zero.
    """
    a = matrix_input(a, "a")
    steps = min(a.shape[-2:])

    def factor(matrix):
        packed = matrix.copy()  # (m, n)
        perm = lu_in_place(packed)
        zero_pivots = np.flatnonzero(packed.diagonal() == 0)
        if zero_pivots.size:
            warnings.warn(
                f"Diagonal number {zero_pivots[0] + 1} is exactly zero. Singular matrix.",
                LinAlgWarning,
                stacklevel=4,
            )
        return packed, pivots_from_permutation(perm, steps)

    return map_matrices(factor, a)


def lu_solve(lu_and_piv, b, trans=0, overwrite_b=False, check_finite=True):
    """Solve a x = b from lu_factor's (lu, piv) (scipy.linalg.lu_solve).

    lu: (..., N, N), piv: (..., N); b: (N,) for one right-hand side, else (..., N, K).
    trans: 0 solves a x = b, 1 and 2 solve a^T x = b (real: transpose == conjugate transpose).
    Returns x shaped like b (batch axes broadcast), in the common float dtype of lu and b.
    """
    if trans not in (0, 1, 2):
        raise ValueError(f"trans must be 0, 1 or 2, got {trans!r}")
    lu_matrix, pivots = lu_and_piv
    lu_matrix = matrix_input(lu_matrix, "lu", square=True)
    pivots = np.asarray(pivots)
    b = require_finite(as_float_array(b, "b"), "b")
    n = lu_matrix.shape[-1]
    if row_count(b) != n:
        raise ValueError(f"Shapes of lu {lu_matrix.shape} and b {b.shape} are incompatible")
    if pivots.shape[-1:] != (n,) or pivots.dtype.kind not in "iu":
        raise ValueError(f"piv must hold {n} integer pivots, got {pivots.dtype} {pivots.shape}")
    if pivots.size and (pivots.min() < 0 or pivots.max() >= n):
        raise ValueError(f"piv entries must lie in [0, {n}), got {pivots.min()} .. {pivots.max()}")
    dtype = result_dtype(lu_matrix, b)
    lu_matrix, b = lu_matrix.astype(dtype, copy=False), b.astype(dtype, copy=False)

    def solve_one(packed, piv, rhs):
        perm = permutation_from_pivots(piv, n)
        return (
            solve_on_columns(
                lambda columns: lu_solve_in_place(packed, perm, columns, transpose=trans != 0), rhs
            ),
        )

    (x,) = map_matrices(solve_one, lu_matrix, pivots, b, core_ndims=(2, 1, core_ndim(b)))
    return x
