"""Determinants through LU (numpy.linalg.det / slogdet).

With A[perm] = L U and L unit lower triangular,

    det A = sign(perm) * prod(diag U),    sign(perm) = (-1)^(number of row interchanges)

slogdet returns the sign and log|det A| = sum log|U_ii|, which neither overflows nor underflows
where the product would. Like numpy, det is computed as sign * exp(logabsdet), so the two agree
exactly. A zero pivot (singular A) gives det 0 and slogdet (0, -inf); a 0 x 0 matrix has det 1.
Cost: 2/3 n^3 flops (the LU) + O(n).
"""

from typing import NamedTuple

import numpy as np

from ._batch import map_matrices
from ._validate import matrix_input
from .lu_factorization import lu_in_place, permutation_parity_sign


class SlogdetResult(NamedTuple):
    """numpy 2's slogdet result: det = sign * exp(logabsdet)."""

    sign: np.ndarray
    logabsdet: np.ndarray


def slogdet(a):
    """Sign and natural log of |det a| for a (..., M, M): SlogdetResult(sign, logabsdet).

    >>> slogdet(np.array([[2.0, 0.0], [0.0, -3.0]]))
    SlogdetResult(sign=np.float64(-1.0), logabsdet=np.float64(1.791759469228055))
    """
    a = matrix_input(a, "a", square=True)
    sign, logabsdet = map_matrices(_slogdet_one, a)
    return SlogdetResult(sign, logabsdet)


def det(a):
    """Determinant of a (..., M, M), as sign * exp(logabsdet) (numpy's formula)."""
    sign, logabsdet = slogdet(a)
    return sign * np.exp(logabsdet)


def _slogdet_one(matrix):
    scalar = matrix.dtype.type
    packed = matrix.copy()  # (n, n)
    perm = lu_in_place(packed)
    pivots = packed.diagonal()  # (n,): diag U
    if (pivots == 0).any():  # subtle: singular -> sign 0 and log 0 = -inf, without a warning
        return scalar(0), scalar(-np.inf)
    sign = permutation_parity_sign(perm) * np.prod(np.sign(pivots))
    return scalar(sign), scalar(np.sum(np.log(np.abs(pivots))))
