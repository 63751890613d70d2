"""Inverse of a triangular matrix by recursive halving (the block method of LAPACK's dtrtri).

A lower-triangular T splits into halves, and so does its inverse:

    [A  0]^-1   [     A^-1         0  ]
    [B  C]    = [-C^-1 B A^-1    C^-1 ]

The A and C halves of every matrix in a stack are inverted together, as one stack of matrices half
the size, down to 1 x 1 (a reciprocal): log2(n) levels of batched matrix products instead of n
substitution steps. For an odd order C is one row short of A; it is padded with a 1 on the
diagonal, since [[C, 0], [0, 1]]^-1 = [[C^-1, 0], [0, 1]], so any n works:

    n = 5 -> halves 3 and 2 (padded to 3) -> 2 and 1 (padded to 2) -> 1 and 1

Upper triangular: T^-1 = ((T')^-1)', and T' is a lower-triangular view.
Cost: n^3 / 3 flops, all but O(n^2) of them in `@`. Accuracy: as good as inversion by substitution
(Du Croz and Higham, Stability of methods for matrix inversion, 1992): each computed column has a
small residual, and the forward error is of the order of eps cond(T) |T^-1|.
"""

import numpy as np

from ._validate import matrix_input
from .errors import LinAlgError


def inv_triangular(a, lower=False):
    """The inverse of a triangular matrix, or of each in a stack (scipy.linalg.lapack.dtrtri).

    a: (..., N, N); only its `lower` (or upper) triangle is read. lower=False (upper) is the
       default, as in scipy's solve_triangular and dtrtri.
    Returns the inverse (..., N, N), triangular the same way, in a's float dtype; its other
    triangle is zero (dtrtri would leave a's entries there).
    Raises LinAlgError "singular matrix" for a zero on a diagonal, LinAlgError for a non-square or
    1-D a, ValueError for NaN or inf.

    >>> inv_triangular(np.array([[2.0, 0.0], [1.0, 1.0]]), lower=True)
    array([[ 0.5,  0. ],
           [-0.5,  1. ]])
    """
    a = matrix_input(a, "a", square=True)
    check_nonsingular_diagonals(a)
    lower_triangles = a if lower else np.swapaxes(a, -1, -2)  # (..., n, n), a view
    n = a.shape[-1]
    if n == 0:
        return np.zeros_like(a)
    inverse = invert_lower_stack(lower_triangles.reshape(-1, n, n)).reshape(a.shape)
    return inverse if lower else np.ascontiguousarray(np.swapaxes(inverse, -1, -2))


def check_nonsingular_diagonals(a):
    """Raise LinAlgError naming the first exact zero on the diagonal of a (..., n, n)."""
    diagonals = a.diagonal(axis1=-2, axis2=-1)  # (..., n), a view
    if not diagonals.all():
        zeros = np.argwhere(diagonals == 0)  # (count, a.ndim - 1)
        *batch_index, row = zeros[0].tolist()
        where = f" of matrix {tuple(batch_index)}" if batch_index else ""
        raise LinAlgError(f"singular matrix: diagonal entry {row}{where} is zero")


def invert_lower_stack(T):
    """The inverses of a stack of lower-triangular matrices T (count, n, n), n >= 1, by the
    recursive halving above; no checks (the diagonals must be nonzero), reads only the lower
    triangles, returns a new array with zeros above the diagonals.

    >>> invert_lower_stack(np.array([[[4.0, 0.0], [2.0, 1.0]]]))
    array([[[ 0.25,  0.  ],
            [-0.5 ,  1.  ]]])
    """
    count, n = T.shape[0], T.shape[-1]
    if n == 1:
        return 1.0 / T  # (count, 1, 1), in T's dtype
    half = (n + 1) // 2  # the A half; C has n - half rows, one fewer when n is odd
    rest = n - half
    C = T[:, half:, half:]  # (count, rest, rest)
    if rest < half:  # pad C to (half, half) with a 1 on the diagonal
        padded = np.zeros((count, half, half), dtype=T.dtype)
        padded[:, :rest, :rest] = C
        padded[:, rest, rest] = 1
        C = padded
    halves = invert_lower_stack(np.concatenate([T[:, :half, :half], C]))  # (2 count, half, half)
    A_inverse, C_inverse = halves[:count], halves[count:, :rest, :rest]
    inverse = np.zeros_like(T)  # (count, n, n)
    inverse[:, :half, :half] = A_inverse
    inverse[:, half:, half:] = C_inverse
    inverse[:, half:, :half] = -(C_inverse @ T[:, half:, :half]) @ A_inverse  # (count, rest, half)
    return inverse
