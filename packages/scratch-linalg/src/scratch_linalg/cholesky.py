"""Cholesky factorization A = L L^T of a symmetric positive definite matrix (numpy.linalg.cholesky).

Blocked and left-looking (LAPACK's dpotrf). For each block column j of width b, with the columns
left of it already final, the block column [A11; A21] (the diagonal block and everything below it)
first takes its share of the past in one matrix product, then is factored as a tall panel:

    [A11; A21] <- [A11; A21] - [L10; L20] L10^T        (one matrix product)
    [L11; L21] = panel_cholesky([A11; A21])            (L11 L11^T = A11, L21 = A21 L11^-T)

Each product touches only the block column being finished, so the flops stay n^3 / 3 (a trailing
update of the whole square A22 would double them). The panel is factored recursively: factor its
left half, subtract the left half's contribution from the right half (one product), factor the
right half. Below `LEAF_COLUMNS` columns the textbook column-by-column recurrence takes over,
run down the whole height of the panel at once (so L21 needs no separate triangular solve):

    L[j, j] = sqrt(A[j, j] - L[j, :j] . L[j, :j]),   L[j+1:, j] = (A[j+1:, j] - L[j+1:, :j] L[j, :j]) / L[j, j]

and the square root of a non-positive number is where "not positive definite" is detected:
the leading j x j minor of A is not positive definite. Only the lower triangle of A is read.
Cost: n^3 / 3 flops.
"""

import math

import numpy as np

from ._batch import map_matrices
from ._validate import matrix_input
from .errors import LinAlgError

BLOCK_COLUMNS = 128  # width of the outer, left-looking block columns
LEAF_COLUMNS = 32  # panels this narrow are factored column by column (measured: 16-64 within 10%)


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
    n = factor.shape[0]
    for j in range(0, n, BLOCK_COLUMNS):
        end = min(j + BLOCK_COLUMNS, n)
        finished = factor[j:, :j]  # (n - j, j): columns already final
        panel = factor[j:, j:end]  # (n - j, b): the diagonal block and everything below it
        if j:  # the first block column has no past: skip an (n, b) product of zeros
            panel -= finished @ finished[: end - j].T  # (n - j, b)
        _factor_panel(panel, first_order=j)
        # subtle: the panel's products also wrote the diagonal block's upper triangle (never
        # read, cheaper than masking each product); L is lower triangular, so clear it.
        panel[: end - j] = np.tril(panel[: end - j])  # (b, b)
    return factor


def _factor_panel(panel, first_order):
    """Overwrite the lower part of a block column panel (m, w), m >= w, with its Cholesky factor.

    panel's top w x w block sits on the diagonal of the whole matrix, at `first_order` (which the
    error message needs). Entries above the panel's diagonal may be overwritten with garbage.
    """
    columns = panel.shape[1]
    if columns <= LEAF_COLUMNS:
        _factor_panel_unblocked(panel, first_order)
        return
    half = columns // 2
    left, right = panel[:, :half], panel[half:, half:]  # (m, half), (m - half, w - half)
    _factor_panel(left, first_order)
    right -= left[half:] @ left[half:columns].T  # (m - half, w - half)
    _factor_panel(right, first_order + half)


def _factor_panel_unblocked(panel, first_order):
    """Column-by-column Cholesky of a narrow panel (LAPACK's dpotf2, run down all its rows).

    Column j, from the diagonal down, takes its share of the finished columns in one product and
    is then scaled by the root of its top entry, the pivot:

        c = A[j:, j] - L[j:, :j] L[j, :j],    L[j, j] = sqrt(c[0]),    L[j+1:, j] = c[1:] / L[j, j]
    """
    # subtle: the work is column by column, so do it on a column-major copy; in place on the
    # row-major matrix, every column step would touch one cache line per row.
    work = np.asfortranarray(panel)  # (m, w)
    for j in range(work.shape[1]):
        # subtle: this loop is all per-step overhead at small n, so each column is one strip
        # (the pivot on top), one matrix-vector product and one division: the fewest NumPy calls.
        # `@`, not ndarray.dot: on a strided column-major block, dot falls back to a slow loop
        # for tall panels, while matmul hands it to BLAS's gemv.
        strip = work[j:, j]  # (m - j,): c, becomes L[j:, j]
        strip -= work[j:, :j] @ work[j, :j]  # (m - j,)
        pivot = strip[0]
        if not pivot > 0:  # subtle: `not >` also catches a NaN pivot
            raise LinAlgError(
                "Matrix is not positive definite: the leading minor of order "
                f"{first_order + j + 1} is not positive definite"
            )
        # subtle: math.sqrt on the scalar is much cheaper than np.sqrt, and as exact: the
        # double-precision root, rounded to float32 on the store, is the correctly rounded one.
        root = math.sqrt(pivot)
        strip /= root
        strip[0] = root  # the root itself, not pivot / root (which may differ in the last bit)
    panel[...] = work
