"""Cholesky factorization A = L L^T of a symmetric positive definite matrix (numpy.linalg.cholesky).

Blocked and left-looking (LAPACK's dpotrf). For each block column j of width b, with the columns
left of it already final:

    A11 <- A11 - L10 L10^T          (one matrix product: the diagonal block's share of the past)
    L11 = cholesky(A11)             (the same algorithm with a smaller block, then unblocked)
    A21 <- A21 - L20 L10^T          (one matrix product)
    L21 = A21 L11^-T                (triangular solve)

Each product touches only the block column being finished, so the flops stay n^3 / 3 (a trailing
update of the whole square A22 would double them). The innermost level is the textbook
column-by-column recurrence

    L[j, j] = sqrt(A[j, j] - L[j, :j] . L[j, :j]),   L[j+1:, j] = (A[j+1:, j] - L[j+1:, :j] L[j, :j]) / L[j, j]

and the square root of a non-positive number is where "not positive definite" is detected:
the leading j x j minor of A is not positive definite. Only the lower triangle of A is read.
Cost: n^3 / 3 flops.
"""

import numpy as np

from ._batch import map_matrices
from ._validate import matrix_input
from .errors import LinAlgError
from .triangular import solve_triangular_in_place

BLOCK_SIZES = (128, 16)  # outer block width, then the width used inside each diagonal block


def cholesky(a, /, *, upper=False):
    """Cholesky factor of a symmetric positive definite a (..., M, M), as numpy 2 returns it.

    Returns lower-triangular L with a = L @ L^T, reading only a's lower triangle; with
    upper=True, upper-triangular U = L^T with a = U^T @ U, reading only a's upper triangle.
    Raises LinAlgError "Matrix is not positive definite" (naming the failing leading minor).

    >>> cholesky(np.array([[4.0, 2.0], [2.0, 5.0]]))
    array([[2., 0.],
           [1., 2.]])
    """
    a = matrix_input(a, "a", square=True)
    # subtle: a's upper triangle is the lower triangle of a^T, so upper=True factors a^T's lower.
    source = np.swapaxes(a, -1, -2) if upper else a
    (lower,) = map_matrices(lambda matrix: (cholesky_lower(matrix),), source)
    return np.ascontiguousarray(np.swapaxes(lower, -1, -2)) if upper else lower


def cholesky_lower(a):
    """L with a = L L^T for one matrix a (n, n), reading only its lower triangle; no checks."""
    factor = np.tril(a)  # (n, n) copy, upper triangle zero
    _factor_in_place(factor, 0, BLOCK_SIZES)
    return factor


def _factor_in_place(a, first_order, block_sizes):
    """Overwrite the lower triangle of a (n, n) with its Cholesky factor.

    first_order: where a sits on the diagonal of the whole matrix (for the error message).
    block_sizes: the block widths still to use, outermost first; none left means unblocked.
    """
    if not block_sizes:
        _factor_unblocked(a, first_order)
        return
    block, inner_sizes = block_sizes[0], block_sizes[1:]
    n = a.shape[0]
    for j in range(0, n, block):
        end = min(j + block, n)
        finished = a[j:, :j]  # (n - j, j): columns already final
        diagonal_block, below = a[j:end, j:end], a[end:, j:end]  # (b, b), (n - end, b)
        diagonal_block -= np.tril(finished[: end - j] @ finished[: end - j].T)  # (b, b)
        _factor_in_place(diagonal_block, first_order + j, inner_sizes)
        if end < n:
            below -= finished[end - j :] @ finished[: end - j].T  # (n - end, b)
            # L21 L11^T = A21  <=>  L11 L21^T = A21^T: a lower solve on a row-major copy.
            below_transposed = np.ascontiguousarray(below.T)  # (b, n - end)
            solve_triangular_in_place(diagonal_block, below_transposed, lower=True)
            below[:] = below_transposed.T


def _factor_unblocked(a, first_order):
    """Column-by-column Cholesky of a small block (LAPACK's dpotf2), in place on its lower part."""
    n = a.shape[0]
    for j in range(n):
        row = a[j, :j]  # (j,): L[j, :j], already final
        pivot = a[j, j] - row @ row
        if not pivot > 0:  # subtle: `not >` also catches a NaN pivot
            raise LinAlgError(
                "Matrix is not positive definite: the leading minor of order "
                f"{first_order + j + 1} is not positive definite"
            )
        a[j, j] = np.sqrt(pivot)
        a[j + 1 :, j] = (a[j + 1 :, j] - a[j + 1 :, :j] @ row) / a[j, j]  # (n - j - 1,)
